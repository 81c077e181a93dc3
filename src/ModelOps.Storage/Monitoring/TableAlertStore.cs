using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Monitoring.Alerts;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Monitoring;

/// <summary><see cref="IAlertStore"/> in the alerts table: a partition per model, rows of inverted time and alert id (newest first), the alert as JSON.</summary>
public sealed class TableAlertStore : IAlertStore
{
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableAlertStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.AlertsTable);
    }

    public async Task AddAsync(AlertRecord alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(alert.Model, $"{TableKeys.InvertedTicks(alert.CreatedAt)}-{TableKeys.Escape(alert.Id)}")
        {
            ["Json"] = JsonSerializer.Serialize(alert, ModelOpsJson.Options),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AlertPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model}");
        var (entities, next) = await TablePaging.QueryPageAsync(_table, filter, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        return new AlertPage([.. entities.Select(e => JsonSerializer.Deserialize<AlertRecord>(e.GetString("Json") ?? "{}", ModelOpsJson.Options)!)], next);
    }
}
