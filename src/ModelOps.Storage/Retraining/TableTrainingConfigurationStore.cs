using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Retraining;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Retraining;

/// <summary>
/// <see cref="ITrainingConfigurationStore"/> in the retraining table: row <c>config</c> (the configuration as JSON) and
/// row <c>columns</c> (the latest dataset's columns) in each model's partition.
/// </summary>
public sealed class TableTrainingConfigurationStore : ITrainingConfigurationStore
{
    private const string ConfigRow = "config";
    private const string ColumnsRow = "columns";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableTrainingConfigurationStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.RetrainingTable);
    }

    public async Task<StoredTrainingConfiguration?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, ConfigRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToStored(response.Value!) : null;
    }

    public async Task<StoredTrainingConfiguration> PutAsync(
        string model,
        TrainingConfiguration configuration,
        DateTimeOffset updatedAt,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, ConfigRow)
        {
            ["Json"] = JsonSerializer.Serialize(configuration, ModelOpsJson.Options),
            ["UpdatedAt"] = updatedAt,
        };
        var what = $"training configuration of model '{model}'";
        var response = ifMatch is null
            ? await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return new StoredTrainingConfiguration(model, configuration, TableConcurrency.Text(response.Headers.ETag!.Value), updatedAt);
    }

    public async IAsyncEnumerable<StoredTrainingConfiguration> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ConfigRow}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return ToStored(entity);
        }
    }

    public async Task<IReadOnlyList<string>?> GetKnownColumnsAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, ColumnsRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue && response.Value!.GetString("Json") is { } json ? JsonSerializer.Deserialize<string[]>(json) : null;
    }

    public async Task SetKnownColumnsAsync(string model, IReadOnlyList<string> columns, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, ColumnsRow) { ["Json"] = JsonSerializer.Serialize(columns) };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    private static StoredTrainingConfiguration ToStored(TableEntity entity) => new(
        entity.PartitionKey,
        JsonSerializer.Deserialize<TrainingConfiguration>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options)!,
        entity.ETag.ToString(),
        entity.GetDateTimeOffset("UpdatedAt") ?? default);
}
