namespace ModelOps.Storage;

/// <summary>A query for one page of <see cref="IMetadataStore.QueryAsync"/>.</summary>
/// <param name="PartitionKey">Only this partition; null for all.</param>
/// <param name="Filter">An extra OData filter, e.g. <c>RowKey ge 'v'</c>; ANDed with the partition.</param>
/// <param name="Top">At most this many entities in the page.</param>
/// <param name="ContinuationToken">From the previous page's <see cref="TablePage.ContinuationToken"/>.</param>
public sealed record TableQuery(
    string? PartitionKey = null,
    string? Filter = null,
    int? Top = null,
    string? ContinuationToken = null);
