namespace ModelOps.Storage;

/// <summary>One page of query results; a null <see cref="ContinuationToken"/> means the last page.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Entities, string? ContinuationToken);
