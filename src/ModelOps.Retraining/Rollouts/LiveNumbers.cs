namespace ModelOps.Rollouts;

/// <summary>Cumulative live numbers of a rollout's candidate and baseline at one moment.</summary>
public sealed record LiveNumbers(VersionCounters Candidate, VersionCounters Baseline);
