namespace ModelOps.Rollouts;

/// <summary>The input of <see cref="RaiseRolloutAlertActivity"/>: the rolled-back rollout and the reading that breached.</summary>
public sealed record RolloutAlert(Rollout Rollout, GuardrailReading Breach);
