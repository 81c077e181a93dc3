namespace ModelOps.Rollouts;

/// <summary>What <see cref="PrepareRolloutActivity"/> found: the candidate's approval status, and the host's clock then
/// (approval timeouts are measured on the injected <see cref="TimeProvider"/>, so tests can move time).</summary>
public sealed record RolloutReadiness(Registry.ApprovalStatus Approval, DateTimeOffset At);
