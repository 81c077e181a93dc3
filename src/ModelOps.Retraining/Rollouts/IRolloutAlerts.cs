namespace ModelOps.Rollouts;

/// <summary>Raises the alert of a rollout's guardrail breach through the model's alert path (monitoring implements it).</summary>
public interface IRolloutAlerts
{
    /// <summary>Raises (at most once per de-duplication window) and returns the alert's id.</summary>
    Task<string> RaiseAsync(Rollout rollout, GuardrailReading breach, CancellationToken cancellationToken = default);
}
