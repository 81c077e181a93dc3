namespace ModelOps.Rollouts;

/// <summary>The versions whose live numbers (summed over every host) <see cref="ReadLiveNumbersActivity"/> reads.</summary>
public sealed record LiveNumbersRequest(string Model, int Candidate, int Baseline);
