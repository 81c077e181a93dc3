using System.Globalization;
using System.Runtime.CompilerServices;
using ModelOps.Workflows;

namespace ModelOps.Storage.Runs;

/// <summary>
/// <see cref="IRunIndex"/> in one table: a partition per model, row keys of inverted start ticks and run id, so a
/// partition reads newest first and an entry written again lands on the same row.
/// </summary>
public sealed class TableRunIndex : IRunIndex
{
    private readonly IMetadataStore _tables;
    private readonly string _table;
    private readonly Lazy<Task> _created;

    public TableRunIndex(IMetadataStore tables, string table = "modelopsruns")
    {
        _tables = tables;
        _table = table;
        _created = new Lazy<Task>(() => _tables.EnsureTableAsync(_table));
    }

    public async Task AddAsync(RunIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(entry.Model, RowKey(entry.StartedAt, entry.RunId))
        {
            ["RunId"] = entry.RunId,
            ["Workflow"] = entry.Workflow,
            ["Trigger"] = entry.Trigger,
            ["StartedAt"] = entry.StartedAt,
        };
        await _tables.UpsertAsync(_table, entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RunIndexPage> ListAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await _created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var page = await _tables.QueryAsync(_table, new TableQuery(model, Top: pageSize, ContinuationToken: continuationToken), cancellationToken)
            .ConfigureAwait(false);
        return new RunIndexPage([.. page.Entities.Select(ToEntry)], page.ContinuationToken);
    }

    public async IAsyncEnumerable<RunIndexEntry> ListStartedBeforeAsync(
        DateTimeOffset before,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var query = new TableQuery(Filter: $"RowKey gt '{InvertedTicks(before)}'");
        while (true)
        {
            var page = await _tables.QueryAsync(_table, query, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return ToEntry(entity);
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
    }

    public async Task RemoveAsync(RunIndexEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _created.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _tables.DeleteAsync(_table, entry.Model, RowKey(entry.StartedAt, entry.RunId), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static string RowKey(DateTimeOffset startedAt, string runId) => $"{InvertedTicks(startedAt)}-{runId}";

    /// <summary>Zero-padded ticks counted down from the largest date, so later times sort first.</summary>
    private static string InvertedTicks(DateTimeOffset time) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static RunIndexEntry ToEntry(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString("RunId") ?? entity.RowKey[20..],
        entity.GetString("Workflow") ?? string.Empty,
        entity.GetString("Trigger") ?? string.Empty,
        entity.GetDateTimeOffset("StartedAt") ?? DateTimeOffset.MinValue);
}
