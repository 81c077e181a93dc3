namespace ModelOps.Rollouts;

/// <summary>Cumulative live numbers of a rollout's candidate and baseline, read at <paramref name="At"/> (the host's
/// <see cref="TimeProvider"/>: bake times are measured on it, so tests can move time).</summary>
public sealed record LiveNumbers(VersionCounters Candidate, VersionCounters Baseline, DateTimeOffset At);
