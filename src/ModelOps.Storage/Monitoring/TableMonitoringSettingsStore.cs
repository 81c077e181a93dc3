using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Monitoring.Settings;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Monitoring;

/// <summary><see cref="IMonitoringSettingsStore"/> in the monitoring table: row <c>settings</c> (JSON) in each model's partition.</summary>
public sealed class TableMonitoringSettingsStore : IMonitoringSettingsStore
{
    private const string SettingsRow = "settings";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableMonitoringSettingsStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.MonitoringTable);
    }

    public async Task<StoredMonitoringSettings?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, SettingsRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? new StoredMonitoringSettings(model, JsonSerializer.Deserialize<MonitoringSettings>(response.Value!.GetString("Json") ?? "{}", ModelOpsJson.Options)!, response.Value.ETag.ToString())
            : null;
    }

    public async Task<StoredMonitoringSettings> PutAsync(string model, MonitoringSettings settings, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, SettingsRow) { ["Json"] = JsonSerializer.Serialize(settings, ModelOpsJson.Options) };
        var what = $"monitoring settings of model '{model}'";
        var response = ifMatch is null
            ? await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return new StoredMonitoringSettings(model, settings, TableConcurrency.Text(response.Headers.ETag!.Value));
    }
}
