using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Runner;

namespace ModelOps.Workflows;

/// <summary>
/// The local durable runner, a hosted service. It takes work items from the shared queue (several host processes may
/// run one each), keeps a taken item hidden while it works on it, and deletes it only once its effect is stored, so
/// a host killed at any point leaves its work to reappear after <see cref="WorkflowRunnerOptions.VisibilityTimeout"/>.
/// On start it re-enqueues every unfinished run, and now and then it purges the history of runs ended longer ago than
/// <see cref="WorkflowRunnerOptions.HistoryRetention"/>.
/// </summary>
public sealed class WorkflowRunner : BackgroundService
{
    private readonly WorkflowStore _store;
    private readonly WorkItemProcessor _processor;
    private readonly IWorkQueue _queue;
    private readonly WorkflowRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkflowRunner> _logger;

    internal WorkflowRunner(
        WorkflowStore store,
        WorkItemProcessor processor,
        IWorkQueue queue,
        IOptions<WorkflowRunnerOptions> options,
        TimeProvider time,
        ILogger<WorkflowRunner> logger)
    {
        _store = store;
        _processor = processor;
        _queue = queue;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _store.EnsureAsync(stoppingToken).ConfigureAwait(false);
        var recovered = await RecoverAsync(stoppingToken).ConfigureAwait(false);
        Log.RunnerStarted(_logger, _options.WorkItemQueueName, _options.HistoryTableName, recovered);

        using var slots = new SemaphoreSlim(_options.MaxConcurrentWorkItems, _options.MaxConcurrentWorkItems);
        var inFlight = new HashSet<Task>();
        var nextSweep = _time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (_time.GetUtcNow() >= nextSweep)
                {
                    await PurgeExpiredHistoryAsync(stoppingToken).ConfigureAwait(false);
                    nextSweep = _time.GetUtcNow() + _options.RetentionSweepInterval;
                }

                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = 1;
                while (free < 32 && slots.Wait(0))
                {
                    free++;
                }

                IReadOnlyList<QueueMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(_options.WorkItemQueueName, free, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.PollFailed(_logger, ex);
                    messages = [];
                }

                if (free > messages.Count)
                {
                    slots.Release(free - messages.Count);
                }

                foreach (var message in messages)
                {
                    var task = ProcessAsync(message, slots, stoppingToken);
                    lock (inFlight)
                    {
                        inFlight.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            lock (inFlight)
                            {
                                inFlight.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }

                if (messages.Count == 0)
                {
                    await Task.Delay(_options.PollInterval, _time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            Task[] pending;
            lock (inFlight)
            {
                pending = [.. inFlight];
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var held = new HeldMessage(message);
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewAsync(held, renewal.Token);
        var disposition = WorkItemDisposition.Abandon;
        try
        {
            var item = WorkItem.TryParse(message.Content);
            if (item is null)
            {
                Log.WorkItemUnreadable(_logger, message.MessageId, message.Content);
                disposition = WorkItemDisposition.Complete;
            }
            else if (message.DequeueCount > _options.MaxDequeueCount)
            {
                await _processor.GiveUpAsync(item, message.DequeueCount, stoppingToken).ConfigureAwait(false);
                disposition = WorkItemDisposition.Complete;
            }
            else
            {
                disposition = await _processor.ProcessAsync(item, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            disposition = WorkItemDisposition.Abandon;
        }
        catch (Exception ex)
        {
            Log.WorkItemFailed(_logger, message.MessageId, ex);
            disposition = WorkItemDisposition.Abandon;
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
            try
            {
                switch (disposition)
                {
                    case WorkItemDisposition.Complete:
                        await _queue.DeleteAsync(_options.WorkItemQueueName, held.Message, CancellationToken.None).ConfigureAwait(false);
                        break;
                    case WorkItemDisposition.RetrySoon:
                        var delay = TimeSpan.FromMilliseconds(100 + Random.Shared.Next(400));
                        await _queue.UpdateAsync(_options.WorkItemQueueName, held.Message, delay, null, CancellationToken.None).ConfigureAwait(false);
                        break;
                    default:
                        break;
                }
            }
            catch (Exception ex)
            {
                // The message comes back after its visibility timeout and is found done (or redone idempotently).
                Log.WorkItemFailed(_logger, message.MessageId, ex);
            }

            slots.Release();
        }
    }

    /// <summary>Keeps a message hidden while it is worked on, renewing at a third of the visibility timeout.</summary>
    private async Task RenewAsync(HeldMessage held, CancellationToken cancellationToken)
    {
        var every = _options.VisibilityTimeout / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, _time, cancellationToken).ConfigureAwait(false);
                // Not cancellable: a renewal cut off after the service applied it would leave a stale pop receipt.
                var receipt = await _queue.UpdateAsync(_options.WorkItemQueueName, held.Message, _options.VisibilityTimeout, null, CancellationToken.None).ConfigureAwait(false);
                held.Message = held.Message with { PopReceipt = receipt };
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.RenewFailed(_logger, held.Message.MessageId, ex);
            }
        }
    }

    /// <summary>Enqueues an episode for every Pending or Running run, in case its work item was lost with a host.</summary>
    private async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var rows = await _store.QueryAsync(
            _options.HistoryTableName,
            null,
            $"RowKey eq '{HistoryTable.InstanceRowKey}' and (RuntimeStatus eq 'Pending' or RuntimeStatus eq 'Running')",
            cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await _store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, row.PartitionKey), null, cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    private async Task PurgeExpiredHistoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            var cutoff = _time.GetUtcNow() - _options.HistoryRetention;
            var rows = await _store.QueryAsync(
                _options.HistoryTableName,
                null,
                $"RowKey eq '{HistoryTable.InstanceRowKey}' and HistoryPurged eq false and CompletedTime le datetime'{cutoff.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}'",
                cancellationToken).ConfigureAwait(false);
            var purged = 0;
            foreach (var row in rows)
            {
                var instance = InstanceRecord.FromEntity(row);
                if (!instance.IsTerminal)
                {
                    continue;
                }

                var history = await _store.QueryPartitionAsync(instance.InstanceId, "RowKey ge 'h' and RowKey lt 's'", cancellationToken).ConfigureAwait(false);
                await _store.DeleteRowsAsync(history, cancellationToken).ConfigureAwait(false);
                try
                {
                    var patch = new TableEntity(instance.InstanceId, HistoryTable.InstanceRowKey) { ["HistoryPurged"] = true };
                    await _store.MergeRowAsync(patch, row.ETag, cancellationToken).ConfigureAwait(false);
                    purged++;
                }
                catch (StorageConflictException)
                {
                    // Changed meanwhile; the next sweep looks again.
                }
            }

            if (purged > 0)
            {
                Log.HistoryPurged(_logger, purged, _options.HistoryRetention);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PurgeFailed(_logger, ex);
        }
    }

    private sealed class HeldMessage(QueueMessage message)
    {
        public QueueMessage Message { get; set; } = message;
    }
}
