using System.Text.Json;
using Azure.Data.Tables;
using ModelOps.Inference.Batching;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Inference;

/// <summary><see cref="IServingSettingsStore"/> in the serving table: row <c>settings</c> (JSON) in each model's partition.</summary>
public sealed class TableServingSettingsStore : IServingSettingsStore
{
    private const string SettingsRow = "settings";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableServingSettingsStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.ServingTable);
    }

    public async Task<StoredServingSettings?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, SettingsRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var entity = response.Value!;
        return new StoredServingSettings(
            model,
            JsonSerializer.Deserialize<ServingSettings>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options) ?? ServingSettings.Default,
            TableConcurrency.Text(entity.ETag),
            entity.GetDateTimeOffset("UpdatedAt") ?? default);
    }

    public async Task<StoredServingSettings> PutAsync(string model, ServingSettings settings, DateTimeOffset updatedAt, string? ifMatch, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(model, SettingsRow)
        {
            ["Json"] = JsonSerializer.Serialize(settings, ModelOpsJson.Options),
            ["UpdatedAt"] = updatedAt,
        };
        var what = $"serving settings of model '{model}'";
        var response = ifMatch is null
            ? await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return new StoredServingSettings(model, settings, TableConcurrency.Text(response.Headers.ETag!.Value), updatedAt);
    }
}
