using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ModelOps.Registry;
using ModelOps.Storage.Tables;

namespace ModelOps.Storage.Registry;

/// <summary>
/// <see cref="IRegistryStore"/> on Table storage, one partition per model (<see cref="RegistryEntities"/>): a version is
/// reserved by one entity-group transaction that moves the model row's latest version and inserts the pending row.
/// </summary>
public sealed class TableRegistryStore : IRegistryStore
{
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableRegistryStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.RegistryTable);
    }

    public async Task<ModelRecord?> GetModelAsync(string model, CancellationToken cancellationToken = default)
    {
        var entity = await GetAsync(model, RegistryEntities.ModelRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : RegistryEntities.ToModel(entity);
    }

    public async IAsyncEnumerable<ModelRecord> ListModelsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RegistryEntities.ModelRow}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return RegistryEntities.ToModel(entity);
        }
    }

    public async Task<ModelRecord> ReplaceModelAsync(ModelRecord model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var what = $"model '{model.Name}'";
        var response = string.IsNullOrEmpty(model.ETag)
            ? await TableConcurrency.WriteAsync(() => _table.AddEntityAsync(RegistryEntities.Model(model), cancellationToken), what).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(RegistryEntities.Model(model), TableConcurrency.IfMatch(model.ETag, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return model with { ETag = TableConcurrency.Text(response.Headers.ETag!.Value) };
    }

    public async Task<string?> TryReserveVersionAsync(
        string model,
        int version,
        ModelRecord? expected,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var modelRow = RegistryEntities.Model(expected is null
            ? new ModelRecord(model, version, RequireApproval: false, Deleted: false, now, now, string.Empty)
            : expected with { LastNumber = version, Deleted = false, UpdatedAt = now });
        TableTransactionAction[] actions =
        [
            expected is null
                ? new TableTransactionAction(TableTransactionActionType.Add, modelRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, modelRow, new ETag(expected.ETag)),
            new TableTransactionAction(TableTransactionActionType.Add, RegistryEntities.Pending(model, version, now)),
        ];
        try
        {
            var responses = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return responses.Value[1].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The store returned no ETag for an insert.");
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            // Another registration moved the model row or took the number first.
            return null;
        }
    }

    public async Task<bool> TryReleaseVersionAsync(
        string model,
        int version,
        string pendingETag,
        ModelRecord expected,
        DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, new TableEntity(model, RegistryEntities.VersionRow(version)), new ETag(pendingETag)),
        };
        if (expected.LastNumber == version)
        {
            // The number is still the last one handed out: step the counter back so the next registration takes it.
            var rolledBack = RegistryEntities.Model(expected with { LastNumber = version - 1, UpdatedAt = now });
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, rolledBack, new ETag(expected.ETag)));
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    public async Task<StoredVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        var entity = await GetAsync(model, RegistryEntities.VersionRow(version), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : RegistryEntities.ToVersion(entity);
    }

    public async IAsyncEnumerable<StoredVersion> ListVersionsAsync(string model, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TablePaging.RowKeyPrefix(model, RegistryEntities.VersionPrefix);
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return RegistryEntities.ToVersion(entity);
        }
    }

    public async Task<string> ReplaceVersionAsync(ModelVersion version, VersionState state, string etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var what = $"version {version.Version} of model '{version.Name}'";
        var match = TableConcurrency.IfMatch(etag, what);
        var response = await TableConcurrency.WriteAsync(
            () => _table.UpdateEntityAsync(RegistryEntities.Version(version, state), match, TableUpdateMode.Replace, cancellationToken),
            what).ConfigureAwait(false);
        return TableConcurrency.Text(response.Headers.ETag!.Value);
    }

    public Task<bool> DeleteVersionAsync(string model, int version, string? etag, CancellationToken cancellationToken = default) =>
        DeleteAsync(model, RegistryEntities.VersionRow(version), etag, $"version {version} of model '{model}'", cancellationToken);

    public async Task<IReadOnlyList<AliasAssignment>> ListAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var aliases = new List<AliasAssignment>();
        var filter = TablePaging.RowKeyPrefix(model, RegistryEntities.AliasPrefix);
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            aliases.Add(RegistryEntities.ToAlias(entity));
        }

        return aliases;
    }

    public async Task<AliasAssignment?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        var entity = await GetAsync(model, RegistryEntities.AliasRow(alias), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : RegistryEntities.ToAlias(entity);
    }

    public async Task<AliasAssignment> SetAliasAsync(
        string model,
        string alias,
        int version,
        DateTimeOffset updatedAt,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var what = $"alias '{alias}' of model '{model}'";
        var entity = RegistryEntities.Alias(model, alias, version, updatedAt);
        var response = ifMatch is null
            ? await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
            : await TableConcurrency.WriteAsync(
                () => _table.UpdateEntityAsync(entity, TableConcurrency.IfMatch(ifMatch, what), TableUpdateMode.Replace, cancellationToken),
                what).ConfigureAwait(false);
        return new AliasAssignment(model, alias, version, TableConcurrency.Text(response.Headers.ETag!.Value));
    }

    public Task<bool> DeleteAliasAsync(string model, string alias, string? ifMatch, CancellationToken cancellationToken = default) =>
        DeleteAsync(model, RegistryEntities.AliasRow(alias), ifMatch, $"alias '{alias}' of model '{model}'", cancellationToken);

    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var _ in _table.QueryAsync<TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
        {
            return;
        }
    }

    private async Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private async Task<bool> DeleteAsync(string partitionKey, string rowKey, string? ifMatch, string what, CancellationToken cancellationToken)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await TableConcurrency.DeleteAsync(_table, partitionKey, rowKey, ifMatch, what, cancellationToken).ConfigureAwait(false);
    }
}
