namespace ModelOps.Access;

/// <summary>How a caller proved who it is.</summary>
public enum CallerKind
{
    /// <summary>One of the shared keys (<c>x-functions-key</c>).</summary>
    Key,

    /// <summary>A Microsoft Entra ID bearer token.</summary>
    Token,

    /// <summary>The host authorized the request itself (the Functions host's key check).</summary>
    Host,

    /// <summary>The platform itself (a retraining run).</summary>
    Workflow,
}
