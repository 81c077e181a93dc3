namespace ModelOps.Workflows;

/// <summary>One page of <see cref="IRunIndex.ListAsync"/>; a null <see cref="ContinuationToken"/> means the last page.</summary>
public sealed record RunIndexPage(IReadOnlyList<RunIndexEntry> Entries, string? ContinuationToken);
