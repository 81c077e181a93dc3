namespace ModelOps.Rollouts;

/// <summary>One entry of a model's serving history: the policy that took effect, when, by whom and why.</summary>
/// <param name="Id">Identifies the change; writing the same change twice (a retried activity) keeps one entry.</param>
/// <param name="At">When it took effect in storage (hosts apply it within the documented propagation time).</param>
/// <param name="Policy">The whole policy from then on.</param>
/// <param name="ChangedBy">The caller, or <c>rollout:{id}</c> for a rollout's step.</param>
/// <param name="Reason">Why, in words (a rollout step, a guardrail breach with its numbers, a user's change).</param>
/// <param name="Rollout">The rollout that made the change; null for a direct change.</param>
public sealed record ServingChange(
    string Id,
    DateTimeOffset At,
    TrafficPolicy Policy,
    string ChangedBy,
    string Reason,
    string? Rollout = null);
