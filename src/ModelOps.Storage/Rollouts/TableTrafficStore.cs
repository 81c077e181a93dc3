using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Rollouts;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Rollouts;

/// <summary>
/// <see cref="ITrafficStore"/> in the traffic table: each model's partition holds row <c>policy</c> and its history rows
/// <c>h|{inverted ticks}|{id}</c> (newest first), written together in one entity-group transaction.
/// </summary>
public sealed class TableTrafficStore : ITrafficStore
{
    private const string PolicyRow = "policy";
    private const string HistoryPrefix = "h|";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableTrafficStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.TrafficTable);
    }

    public async Task<StoredTrafficPolicy?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, PolicyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        var change = Change(entity);
        return new StoredTrafficPolicy(model, change.Policy, TableConcurrency.Text(entity.ETag), change.At);
    }

    public async Task<StoredTrafficPolicy> PutAsync(string model, ServingChange change, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var json = JsonSerializer.Serialize(change, ModelOpsJson.Options);
        var policy = new TableEntity(model, PolicyRow) { ["Json"] = json };
        var history = new TableEntity(model, HistoryRow(change.At, change.Id)) { ["Json"] = json };
        var what = $"traffic policy of model '{model}'";
        TableTransactionAction write = ifMatch is null
            ? new(TableTransactionActionType.UpsertReplace, policy)
            : new(TableTransactionActionType.UpdateReplace, policy, TableConcurrency.IfMatch(ifMatch, what));
        var response = await TableConcurrency.WriteAsync(
            () => _table.SubmitTransactionAsync([write, new TableTransactionAction(TableTransactionActionType.UpsertReplace, history)], cancellationToken),
            what).ConfigureAwait(false);
        var etag = response.Value[0].Headers.ETag ?? throw new InvalidOperationException("The table service returned no ETag for the policy.");
        return new StoredTrafficPolicy(model, change.Policy, TableConcurrency.Text(etag), change.At);
    }

    public async Task<ServingHistoryPage> ListHistoryAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (entities, token) = await TablePaging.QueryPageAsync(_table, TablePaging.RowKeyPrefix(model, HistoryPrefix), pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        return new ServingHistoryPage([.. entities.Select(Change)], token);
    }

    public async Task<ServingChange?> GetHistoryAtAsync(string model, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var from = HistoryPrefix + TableKeys.InvertedTicks(at);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {from} and RowKey lt {"h}"}");
        var (entities, _) = await TablePaging.QueryPageAsync(_table, filter, 1, null, cancellationToken).ConfigureAwait(false);
        return entities.Count == 0 ? null : Change(entities[0]);
    }

    private static string HistoryRow(DateTimeOffset at, string id) => HistoryPrefix + TableKeys.InvertedTicks(at) + "|" + TableKeys.Escape(id);

    private static ServingChange Change(TableEntity entity) =>
        JsonSerializer.Deserialize<ServingChange>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options)
        ?? throw new InvalidDataException($"Traffic row {entity.RowKey} of model {entity.PartitionKey} is empty.");
}
