namespace ModelOps.Rollouts;

/// <summary>A page of a model's serving history, newest first.</summary>
public sealed record ServingHistoryPage(IReadOnlyList<ServingChange> Changes, string? ContinuationToken);
