namespace ModelOps.Rollouts;

/// <summary>Where a rollout stands.</summary>
public enum RolloutStatus
{
    Running,
    WaitingForApproval,
    Succeeded,
    RolledBack,
    Aborted,
}
