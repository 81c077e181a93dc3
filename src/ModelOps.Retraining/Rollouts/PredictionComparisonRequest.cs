namespace ModelOps.Rollouts;

/// <summary>The versions and the period (<paramref name="From"/> inclusive, <paramref name="To"/> exclusive) to compare.</summary>
/// <param name="Model">The model.</param>
/// <param name="Candidate">The rollout's candidate.</param>
/// <param name="Baseline">The version it is compared with.</param>
/// <param name="From">The start of the period.</param>
/// <param name="To">The end of the period.</param>
/// <param name="QualityMetric">The live-quality metric; null for the task's default (auc, rmse).</param>
public sealed record PredictionComparisonRequest(string Model, int Candidate, int Baseline, DateTimeOffset From, DateTimeOffset To, string? QualityMetric);
