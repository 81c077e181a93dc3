namespace ModelOps.Storage.Tables;

/// <summary>One page of a table query and the service's continuation keys (both null on the last page).</summary>
public sealed record TableQuerySegment(IReadOnlyList<TableEntity> Entities, string? NextPartitionKey, string? NextRowKey);
