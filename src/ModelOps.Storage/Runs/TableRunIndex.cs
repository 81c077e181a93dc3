using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using ModelOps.Storage.Tables;
using ModelOps.Workflows;

namespace ModelOps.Storage.Runs;

/// <summary>
/// <see cref="IRunIndex"/> in one table: a partition per model, row keys of inverted start ticks and run id, so a
/// partition reads newest first and an entry written again lands on the same row.
/// </summary>
public sealed class TableRunIndex : IRunIndex
{
    private readonly StorageAccount _account;
    private readonly TableClient _table;

    public TableRunIndex(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _table = account.Tables.GetTableClient(account.Names.RunsTable);
    }

    public async Task AddAsync(RunIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(entry.Model, RowKey(entry.StartedAt, entry.RunId))
        {
            ["RunId"] = entry.RunId,
            ["Workflow"] = entry.Workflow,
            ["Trigger"] = entry.Trigger,
            ["StartedAt"] = entry.StartedAt,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunIndexPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model}");
        var (entities, next) = await TablePaging.QueryPageAsync(_table, filter, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
        return new RunIndexPage([.. entities.Select(ToEntry)], next);
    }

    public async IAsyncEnumerable<RunIndexEntry> ListStartedBeforeAsync(
        DateTimeOffset before,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey gt {TableKeys.InvertedTicks(before)}");
        await foreach (var entity in TablePaging.QueryAllAsync(_table, filter, cancellationToken).ConfigureAwait(false))
        {
            yield return ToEntry(entity);
        }
    }

    public async Task RemoveAsync(RunIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _table.DeleteEntityAsync(entry.Model, RowKey(entry.StartedAt, entry.RunId), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string RowKey(DateTimeOffset startedAt, string runId) => $"{TableKeys.InvertedTicks(startedAt)}-{runId}";

    private static RunIndexEntry ToEntry(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("RunId") ?? entity.RowKey[20..],
        entity.GetString("Workflow") ?? string.Empty,
        entity.GetString("Trigger") ?? string.Empty,
        entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue);
}
