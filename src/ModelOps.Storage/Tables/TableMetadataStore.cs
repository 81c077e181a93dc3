using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelOps.Storage.Tables;

/// <summary><see cref="IMetadataStore"/> on Table storage (Azure or Azurite).</summary>
public sealed class TableMetadataStore(TableServiceClient client, ILogger<TableMetadataStore>? logger = null) : IMetadataStore
{
    private readonly ILogger _logger = logger ?? NullLogger<TableMetadataStore>.Instance;

    public Task EnsureTableAsync(string table, CancellationToken cancellationToken = default) =>
        client.CreateTableAsync(table, cancellationToken);

    public Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default) =>
        client.GetEntityAsync(table, partitionKey, rowKey, cancellationToken);

    public Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default) =>
        client.InsertEntityAsync(table, entity, cancellationToken);

    public Task<string> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default) =>
        client.UpdateEntityAsync(table, entity, ifMatch: null, merge: false, cancellationToken);

    public Task<string> ReplaceAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        client.UpdateEntityAsync(table, entity, ifMatch ?? "*", merge: false, cancellationToken);

    public Task<string> MergeAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default) =>
        client.UpdateEntityAsync(table, entity, ifMatch ?? "*", merge: true, cancellationToken);

    public Task<bool> DeleteAsync(
        string table,
        string partitionKey,
        string rowKey,
        string? ifMatch = null,
        CancellationToken cancellationToken = default) =>
        client.DeleteEntityAsync(table, partitionKey, rowKey, ifMatch, cancellationToken);

    public async Task<TablePage> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = query.PartitionKey is null ? null : "PartitionKey eq " + QuoteLiteral(query.PartitionKey);
        if (!string.IsNullOrWhiteSpace(query.Filter))
        {
            filter = filter is null ? query.Filter : $"{filter} and ({query.Filter})";
        }

        var (nextPartitionKey, nextRowKey) = TableContinuationToken.Parse(query.ContinuationToken);
        var segment = await client.QueryEntitiesAsync(table, filter, query.Top, nextPartitionKey, nextRowKey, cancellationToken)
            .ConfigureAwait(false);
        return new TablePage(segment.Entities, TableContinuationToken.Format(segment.NextPartitionKey, segment.NextRowKey));
    }

    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(
        string table,
        IReadOnlyList<TableAction> actions,
        CancellationToken cancellationToken = default)
    {
        var etags = await client.SubmitTransactionAsync(table, actions, cancellationToken).ConfigureAwait(false);
        Log.TransactionApplied(_logger, table, etags.Count);
        return etags;
    }

    /// <summary>An OData string literal: single-quoted, inner quotes doubled.</summary>
    public static string QuoteLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }
}
