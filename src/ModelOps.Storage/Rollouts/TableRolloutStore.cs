using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ModelOps.Rollouts;
using ModelOps.Serialization;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Rollouts;

/// <summary>
/// <see cref="IRolloutStore"/> in the rollouts table: rows <c>r|{id}</c> (JSON) and <c>active</c> (the id of the model's
/// active rollout; inserting it is what makes a second rollout a conflict).
/// </summary>
public sealed class TableRolloutStore : IRolloutStore
{
    private const string ActiveRow = "active";
    private const string RolloutPrefix = "r|";
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableRolloutStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.RolloutsTable);
    }

    public async Task CreateAsync(Rollout rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var active = new TableEntity(rollout.Model, ActiveRow) { ["Id"] = rollout.Id };
        await TableConcurrency.WriteAsync(
            () => _table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, active), new TableTransactionAction(TableTransactionActionType.Add, Entity(rollout))],
                cancellationToken),
            $"active rollout of model '{rollout.Model}'").ConfigureAwait(false);
    }

    public async Task SaveAsync(Rollout rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _table.UpsertEntityAsync(Entity(rollout), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (rollout.IsFinished)
        {
            await ReleaseAsync(rollout.Model, rollout.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<Rollout?> GetAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, RolloutPrefix + TableKeys.Escape(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Read(response.Value!) : null;
    }

    public async Task<string?> GetActiveAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, ActiveRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString("Id") : null;
    }

    public async Task ReleaseAsync(string model, string id, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(model, ActiveRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.HasValue && response.Value!.GetString("Id") == id)
        {
            try
            {
                await _table.DeleteEntityAsync(model, ActiveRow, response.Value.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Released already, or taken by the next rollout.
            }
        }
    }

    public async Task<IReadOnlyList<Rollout>> ListAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rollouts = new List<Rollout>();
        await foreach (var entity in TablePaging.QueryAllAsync(_table, TablePaging.RowKeyPrefix(model, RolloutPrefix), cancellationToken).ConfigureAwait(false))
        {
            rollouts.Add(Read(entity));
        }

        return [.. rollouts.OrderByDescending(r => r.CreatedAt)];
    }

    private static TableEntity Entity(Rollout rollout) =>
        new(rollout.Model, RolloutPrefix + TableKeys.Escape(rollout.Id)) { ["Json"] = JsonSerializer.Serialize(rollout, ModelOpsJson.Options) };

    private static Rollout Read(TableEntity entity) =>
        JsonSerializer.Deserialize<Rollout>(entity.GetString("Json") ?? "{}", ModelOpsJson.Options)
        ?? throw new InvalidDataException($"Rollout row {entity.RowKey} of model {entity.PartitionKey} is empty.");
}
