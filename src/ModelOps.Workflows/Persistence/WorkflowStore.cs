using System.Globalization;
using Microsoft.Extensions.Options;
using ModelOps.Storage;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Persistence;

/// <summary>All storage I/O of the runner and the client, over the core's table and queue ports.</summary>
internal sealed class WorkflowStore(IMetadataStore tables, IWorkQueue queue, IOptions<WorkflowRunnerOptions> options)
{
    /// <summary>Table storage takes at most 100 actions per entity-group transaction.</summary>
    public const int MaxBatch = 100;

    /// <summary>Queue storage hides a message for at most 7 days; longer timers hop.</summary>
    private static readonly TimeSpan MaxQueueDelay = TimeSpan.FromDays(6);

    private readonly WorkflowRunnerOptions _options = options.Value;
    private readonly Lock _ensureLock = new();
    private Task? _ensured;

    public string HistoryTableName => _options.HistoryTableName;

    public string QueueName => _options.WorkItemQueueName;

    /// <summary>Creates the tables and the queue once per process (a failed attempt is tried again on the next call).</summary>
    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        lock (_ensureLock)
        {
            if (_ensured is null || _ensured.IsFaulted || _ensured.IsCanceled)
            {
                _ensured = CreateAsync(cancellationToken);
            }

            return _ensured;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureTableAsync(_options.HistoryTableName, cancellationToken).ConfigureAwait(false);
        await tables.EnsureTableAsync(_options.IndexTableName, cancellationToken).ConfigureAwait(false);
        await queue.EnsureQueueAsync(_options.WorkItemQueueName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await tables.GetAsync(_options.HistoryTableName, instanceId, HistoryTable.InstanceRowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : InstanceRecord.FromEntity(entity);
    }

    public async Task<List<TableEntity>> QueryAsync(string table, string? partitionKey, string? filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? token = null;
        do
        {
            var page = await tables.QueryAsync(table, new TableQuery(partitionKey, filter, null, token), cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Entities);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return rows;
    }

    public Task<List<TableEntity>> QueryPartitionAsync(string instanceId, string? filter, CancellationToken cancellationToken) =>
        QueryAsync(_options.HistoryTableName, instanceId, filter, cancellationToken);

    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await QueryPartitionAsync(instanceId, null, cancellationToken).ConfigureAwait(false);
        var instanceRow = rows.Find(r => r.RowKey == HistoryTable.InstanceRowKey);
        if (instanceRow is null)
        {
            return null;
        }

        var instance = InstanceRecord.FromEntity(instanceRow);
        var prefix = HistoryTable.HistoryPrefix(instance.Execution);
        var history = new List<HistoryEvent>();
        var stale = new List<TableEntity>();
        var inbox = new List<(TableEntity, HistoryEvent)>();
        var outbox = new List<TableEntity>();
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            switch (row.RowKey[0])
            {
                case 'h' when row.RowKey.StartsWith(prefix, StringComparison.Ordinal)
                    && int.Parse(row.RowKey.AsSpan(prefix.Length), CultureInfo.InvariantCulture) < instance.HistoryCount:
                    history.Add(HistoryTable.ReadEvent(row));
                    break;
                case 'h':
                    stale.Add(row);
                    break;
                case 'i':
                    inbox.Add((row, HistoryTable.ReadEvent(row)));
                    break;
                case 'o':
                    outbox.Add(row);
                    break;
                default:
                    break;
            }
        }

        return new InstanceSnapshot(instance, history, inbox, outbox, stale);
    }

    /// <summary>Creates an instance row with its start event in the inbox; <see cref="StorageConflict.AlreadyExists"/> when the id is taken.</summary>
    public Task CreateAsync(InstanceRecord instance, HistoryEvent started, CancellationToken cancellationToken) =>
        tables.SubmitTransactionAsync(
            _options.HistoryTableName,
            [
                new TableAction(TableActionKind.Insert, instance.ToEntity()),
                new TableAction(TableActionKind.Insert, HistoryTable.EventEntity(instance.InstanceId, HistoryTable.StartRowKey(instance.Execution), started, instance.Execution)),
            ],
            cancellationToken);

    /// <summary>Puts an event in an instance's inbox; false when a row with that key is there already.</summary>
    public async Task<bool> AddInboxAsync(string instanceId, string rowKey, HistoryEvent e, int execution, CancellationToken cancellationToken)
    {
        try
        {
            await tables.InsertAsync(_options.HistoryTableName, HistoryTable.EventEntity(instanceId, rowKey, e, execution), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.AlreadyExists)
        {
            return false;
        }
    }

    public Task UpsertInboxAsync(string instanceId, string rowKey, HistoryEvent e, CancellationToken cancellationToken) =>
        tables.UpsertAsync(_options.HistoryTableName, HistoryTable.EventEntity(instanceId, rowKey, e, 0), cancellationToken);

    public Task<TableEntity?> GetRowAsync(string instanceId, string rowKey, CancellationToken cancellationToken) =>
        tables.GetAsync(_options.HistoryTableName, instanceId, rowKey, cancellationToken);

    public Task EnqueueAsync(WorkItem item, TimeSpan? delay, CancellationToken cancellationToken)
    {
        TimeSpan? clamped = delay is { } d && d > TimeSpan.Zero ? (d > MaxQueueDelay ? MaxQueueDelay : d) : null;
        return queue.EnqueueAsync(_options.WorkItemQueueName, item.ToJson(), clamped, cancellationToken);
    }

    /// <summary>
    /// Commits an episode. Every chunk of at most 100 actions carries a conditional write of the instance row, so a
    /// runner holding a stale ETag fails on its first chunk and never appends. Rows in early chunks (history past the
    /// committed count, outbox rows of a later commit, steps) are invisible until the last chunk replaces the instance
    /// row; inbox deletes ride in the last chunk, so a commit that dies half-way loses no event.
    /// </summary>
    public async Task CommitAsync(
        InstanceRecord instance,
        IReadOnlyList<TableAction> early,
        IReadOnlyList<TableAction> final,
        CancellationToken cancellationToken)
    {
        if (final.Count > MaxBatch - 1)
        {
            throw new ArgumentException($"At most {MaxBatch - 1} final actions fit one transaction.", nameof(final));
        }

        var etag = instance.ETag;
        var pending = new Queue<TableAction>(early);
        while (pending.Count > MaxBatch - 1 - final.Count)
        {
            var chunk = new List<TableAction>();
            while (chunk.Count < MaxBatch - 1 && pending.Count > 0)
            {
                chunk.Add(pending.Dequeue());
            }

            var touch = new TableEntity(instance.InstanceId, HistoryTable.InstanceRowKey) { ["CommitInProgress"] = instance.CommitCount };
            chunk.Add(new TableAction(TableActionKind.Merge, touch, etag));
            var etags = await tables.SubmitTransactionAsync(_options.HistoryTableName, chunk, cancellationToken).ConfigureAwait(false);
            etag = etags[^1];
        }

        var last = new List<TableAction>(pending);
        last.AddRange(final);
        last.Add(new TableAction(TableActionKind.Replace, instance.ToEntity(), etag));
        var result = await tables.SubmitTransactionAsync(_options.HistoryTableName, last, cancellationToken).ConfigureAwait(false);
        instance.ETag = result[^1];
    }

    /// <summary>Deletes rows of one partition in transactions of 100; rows gone already are skipped.</summary>
    public async Task DeleteRowsAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(MaxBatch))
        {
            try
            {
                await tables.SubmitTransactionAsync(
                    _options.HistoryTableName,
                    chunk.Select(r => new TableAction(TableActionKind.Delete, r, "*")).ToList(),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                foreach (var row in chunk)
                {
                    await tables.DeleteAsync(_options.HistoryTableName, row.PartitionKey, row.RowKey, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Takes the lease on a row (insert, or take over a lapsed one with a conditional replace). Returns the lease's
    /// ETag, or null with the current holder's expiry when someone else holds it.
    /// </summary>
    public async Task<(string? ETag, DateTimeOffset HeldUntil)> TryTakeLeaseAsync(
        string instanceId,
        string rowKey,
        DateTimeOffset now,
        DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var lease = new TableEntity(instanceId, rowKey) { ["Until"] = until };
        try
        {
            return (await tables.InsertAsync(_options.HistoryTableName, lease, cancellationToken).ConfigureAwait(false), until);
        }
        catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.AlreadyExists)
        {
            var held = await tables.GetAsync(_options.HistoryTableName, instanceId, rowKey, cancellationToken).ConfigureAwait(false);
            if (held?.GetDateTimeOffset("Until") is { } heldUntil && heldUntil > now)
            {
                return (null, heldUntil);
            }

            try
            {
                return (await tables.ReplaceAsync(_options.HistoryTableName, lease, held?.ETag ?? "*", cancellationToken).ConfigureAwait(false), until);
            }
            catch (StorageConflictException)
            {
                return (null, until);
            }
        }
    }

    public Task<bool> DeleteRowAsync(TableEntity row, CancellationToken cancellationToken) =>
        tables.DeleteAsync(_options.HistoryTableName, row.PartitionKey, row.RowKey, null, cancellationToken);

    public Task<string> MergeRowAsync(TableEntity patch, string? ifMatch, CancellationToken cancellationToken) =>
        tables.MergeAsync(_options.HistoryTableName, patch, ifMatch, cancellationToken);

    public async Task<IReadOnlyList<WorkflowStep>> GetStepsAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = await QueryPartitionAsync(instanceId, "RowKey ge 's' and RowKey lt 't'", cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(r => r.RowKey, StringComparer.Ordinal).Select(HistoryTable.ReadStep).ToList();
    }

    public async Task AddToIndexAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        foreach (var partition in IndexPartitions(instance))
        {
            var row = new TableEntity(partition, IndexRowKey(instance)) { ["InstanceId"] = instance.InstanceId, ["Name"] = instance.Name };
            await tables.UpsertAsync(_options.IndexTableName, row, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveFromIndexAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        foreach (var partition in IndexPartitions(instance))
        {
            await tables.DeleteAsync(_options.IndexTableName, partition, IndexRowKey(instance), null, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<TablePage> QueryIndexAsync(string partition, int top, string? continuationToken, CancellationToken cancellationToken) =>
        tables.QueryAsync(_options.IndexTableName, new TableQuery(partition, null, top, continuationToken), cancellationToken);

    public static string IndexPartition(string? tagName, string? tagValue) =>
        tagName is null ? "all" : $"tag-{Uri.EscapeDataString(tagName)}={Uri.EscapeDataString(tagValue ?? string.Empty)}";

    private static IEnumerable<string> IndexPartitions(InstanceRecord instance) =>
        new[] { IndexPartition(null, null) }.Concat(instance.Tags.Select(t => IndexPartition(t.Key, t.Value)));

    /// <summary>Inverted creation ticks: newest runs sort first.</summary>
    private static string IndexRowKey(InstanceRecord instance) => string.Create(
        CultureInfo.InvariantCulture,
        $"{DateTimeOffset.MaxValue.UtcTicks - instance.CreatedTime.UtcTicks:D19}-{instance.InstanceId}");
}
