namespace ModelOps.Access;

/// <summary>What a route or operation needs; roles grant permissions (<see cref="AppRoles"/>).</summary>
public enum Permission
{
    /// <summary>Read the registry, training configurations, runs and reports.</summary>
    Read,

    /// <summary>Call models (inference).</summary>
    Invoke,

    /// <summary>Register versions, change their description and tags, configure training, upload data, start and stop runs.</summary>
    Train,

    /// <summary>Move aliases, run rollouts, approve or reject versions.</summary>
    Deploy,

    /// <summary>Everything, including role assignments, access settings and the audit trail.</summary>
    Admin,
}
