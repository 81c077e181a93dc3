using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Registration;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Runner;

/// <summary>
/// Works one queue message: an episode of a run, an activity, or a due timer. Every path is idempotent: a message
/// delivered twice, late, or after its run moved on finds its work done in storage and is dropped.
/// </summary>
internal sealed partial class WorkItemProcessor(
    WorkflowStore store,
    WorkflowRegistry registry,
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<WorkflowRunnerOptions> options,
    ILogger<WorkItemProcessor> logger) : IDisposable
{
    /// <summary>Inbox events taken into one episode, so its deletes fit the committing transaction.</summary>
    internal const int MaxEventsPerEpisode = 90;

    private readonly InstanceLocks _locks = new();

    public Task<WorkItemDisposition> ProcessAsync(WorkItem item, CancellationToken cancellationToken) => item.Kind switch
    {
        WorkItemKind.Orchestrator => RunEpisodeAsync(item.InstanceId, cancellationToken),
        WorkItemKind.Activity => RunActivityAsync(item, cancellationToken),
        _ => FireTimerAsync(item, cancellationToken),
    };

    /// <summary>A message delivered too often: an activity is recorded as failed, anything else is dropped.</summary>
    public async Task GiveUpAsync(WorkItem item, long dequeueCount, CancellationToken cancellationToken)
    {
        Log.WorkItemPoisoned(logger, item.Kind.ToString(), item.InstanceId, dequeueCount);
        if (item.Kind == WorkItemKind.Activity)
        {
            var failed = new HistoryEvent(HistoryEventType.TaskFailed, time.GetUtcNow())
            {
                TaskId = item.TaskId,
                Failure = new WorkflowFailureDetails("WorkItemPoisoned", $"The activity's work item was delivered {dequeueCount} times without completing."),
            };
            await ReportCompletionAsync(item.InstanceId, item.Execution, failed, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _locks.Dispose();

    private async Task<WorkItemDisposition> RunEpisodeAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var held = await _locks.AcquireAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var snapshot = await store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return WorkItemDisposition.Complete;
        }

        var instance = snapshot.Instance;

        // Side effects of earlier commits whose writer died before carrying them out. Ones another runner is still
        // carrying out are left to it; this message then comes back later to make sure they were.
        var othersPending = !await FlushOutboxAsync(instance, snapshot.Outbox, null, cancellationToken).ConfigureAwait(false);
        var done = othersPending ? WorkItemDisposition.Abandon : WorkItemDisposition.Complete;
        if (instance.IsTerminal)
        {
            await store.DeleteRowsAsync(snapshot.Inbox.Select(i => i.Row), cancellationToken).ConfigureAwait(false);
            return done;
        }

        try
        {
            var terminate = snapshot.Inbox.FirstOrDefault(i => i.Row.RowKey == HistoryTable.TerminateRowKey);
            var disposition = terminate.Row is not null
                ? await TerminateAsync(snapshot, terminate.Event, cancellationToken).ConfigureAwait(false)
                : await DecideAsync(snapshot, cancellationToken).ConfigureAwait(false);
            return disposition == WorkItemDisposition.Complete ? done : disposition;
        }
        catch (StorageConflictException)
        {
            Log.EpisodeConflict(logger, instanceId);
            return WorkItemDisposition.RetrySoon;
        }
    }

    private async Task<WorkItemDisposition> DecideAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var instance = snapshot.Instance;
        var done = snapshot.History.Where(e => e.IsCompletion).Select(e => (e.Type == HistoryEventType.TimerFired, e.TaskId)).ToHashSet();
        var scheduled = snapshot.History.Where(e => e.IsScheduling).Select(e => e.TaskId).ToHashSet();
        var started = snapshot.History.Any(e => e.Type == HistoryEventType.ExecutionStarted);
        var fresh = new List<HistoryEvent>();
        var consumed = new List<TableEntity>();
        foreach (var (row, e) in snapshot.Inbox
                     .Where(i => i.Row.RowKey != HistoryTable.TerminateRowKey)
                     .OrderBy(i => i.Event.Type == HistoryEventType.ExecutionStarted ? 0 : 1)
                     .ThenBy(i => i.Event.Timestamp)
                     .ThenBy(i => i.Row.RowKey, StringComparer.Ordinal))
        {
            if (consumed.Count == MaxEventsPerEpisode)
            {
                break;
            }

            consumed.Add(row);
            var execution = (int)(row.GetInt64("Execution") ?? 0);
            if (execution != 0 && execution != instance.Execution)
            {
                continue; // an event of an earlier execution: dropped
            }

            if (e.Type == HistoryEventType.ExecutionStarted)
            {
                if (!started)
                {
                    started = true;
                    fresh.Add(e);
                }
            }
            else if (e.IsCompletion)
            {
                // A completion is recorded once; a duplicate (an activity run twice) or one for an unknown task is dropped.
                if (scheduled.Contains(e.TaskId) && done.Add((e.Type == HistoryEventType.TimerFired, e.TaskId)))
                {
                    fresh.Add(e);
                }
            }
            else
            {
                fresh.Add(e);
            }
        }

        var moreWaiting = snapshot.Inbox.Count > consumed.Count;
        if (fresh.Count == 0 || !started)
        {
            await store.DeleteRowsAsync(started ? consumed : [], cancellationToken).ConfigureAwait(false);
            return WorkItemDisposition.Complete;
        }

        var workflow = registry.FindWorkflow(instance.Name);
        var now = time.GetUtcNow();
        var newEvents = new List<HistoryEvent> { new(HistoryEventType.EpisodeStarted, now) };
        newEvents.AddRange(fresh);
        EpisodeResult result;
        if (workflow is null)
        {
            var failure = new WorkflowFailureDetails("WorkflowNotFound", $"No workflow named '{instance.Name}' is registered in this host.");
            result = new EpisodeResult([], new WorkflowOutcome(WorkflowOutcomeKind.Failed, null, failure), instance.CustomStatus, [], []);
        }
        else
        {
            var scope = scopes.CreateAsyncScope();
            await using var disposeScope = scope.ConfigureAwait(false);
            result = WorkflowExecutor.Execute(workflow, scope.ServiceProvider, instance.InstanceId, instance.Execution, snapshot.History, newEvents);
        }

        var firstEpisode = instance.RuntimeStatus == WorkflowRuntimeStatus.Pending;
        var claim = Guid.NewGuid().ToString("N");
        var (early, final, outbox) = BuildCommit(instance, newEvents, result, consumed, now, claim);
        await store.CommitAsync(instance, early, final, cancellationToken).ConfigureAwait(false);
        Log.EpisodeCommitted(logger, instance.InstanceId, newEvents.Count, result.Actions.Count);
        if (firstEpisode)
        {
            Log.RunStarted(logger, instance.InstanceId, instance.Name);
            await store.AddToIndexAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        await FlushOutboxAsync(instance, outbox, claim, cancellationToken).ConfigureAwait(false);
        if (instance.IsTerminal)
        {
            Log.RunEnded(logger, instance.InstanceId, instance.Name, instance.RuntimeStatus);
        }

        if (result.Outcome?.Kind == WorkflowOutcomeKind.ContinuedAsNew)
        {
            await store.DeleteRowsAsync(snapshot.StaleHistory, cancellationToken).ConfigureAwait(false);
            await store.DeleteRowsAsync(
                (await store.QueryPartitionAsync(instance.InstanceId, null, cancellationToken).ConfigureAwait(false))
                    .Where(r => r.RowKey.StartsWith('h') && !r.RowKey.StartsWith(HistoryTable.HistoryPrefix(instance.Execution), StringComparison.Ordinal)),
                cancellationToken).ConfigureAwait(false);
            moreWaiting = true;
        }

        if (moreWaiting)
        {
            await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, instance.InstanceId), null, cancellationToken).ConfigureAwait(false);
        }

        return WorkItemDisposition.Complete;
    }

    private (List<TableAction> Early, List<TableAction> Final, List<TableEntity> Outbox) BuildCommit(
        InstanceRecord instance,
        List<HistoryEvent> newEvents,
        EpisodeResult result,
        List<TableEntity> consumed,
        DateTimeOffset now,
        string claim)
    {
        var appended = new List<HistoryEvent>(newEvents);
        appended.AddRange(result.Actions.Select(a => a.ToHistoryEvent(now)));
        var entries = new List<OutboxEntry>();
        foreach (var action in result.Actions)
        {
            entries.Add(action.Kind switch
            {
                WorkflowActionKind.ScheduleActivity => new OutboxEntry(OutboxKind.Enqueue)
                {
                    WorkItem = new WorkItem(WorkItemKind.Activity, instance.InstanceId) { Execution = instance.Execution, TaskId = action.TaskId, StepId = action.StepId },
                },
                WorkflowActionKind.CreateTimer => new OutboxEntry(OutboxKind.Enqueue)
                {
                    WorkItem = new WorkItem(WorkItemKind.Timer, instance.InstanceId) { Execution = instance.Execution, TaskId = action.TaskId, FireAt = action.FireAt },
                    VisibleAt = action.FireAt,
                },
                _ => new OutboxEntry(OutboxKind.StartChild)
                {
                    ChildInstanceId = action.ChildInstanceId,
                    ChildName = action.Name,
                    ChildInput = action.Input,
                    ParentInstanceId = instance.InstanceId,
                    ParentExecution = instance.Execution,
                    WorkItem = new WorkItem(WorkItemKind.Orchestrator, action.ChildInstanceId!) { TaskId = action.TaskId },
                },
            });
        }

        var execution = instance.Execution;
        var final = consumed.Select(r => new TableAction(TableActionKind.Delete, r, "*")).ToList();
        instance.CustomStatus = result.CustomStatus;
        instance.LastUpdatedTime = now;
        instance.RuntimeStatus = WorkflowRuntimeStatus.Running;
        switch (result.Outcome)
        {
            case { Kind: WorkflowOutcomeKind.Completed } outcome:
                appended.Add(new HistoryEvent(HistoryEventType.ExecutionCompleted, now) { Data = outcome.Output });
                End(instance, WorkflowRuntimeStatus.Completed, outcome.Output, null, now, entries);
                break;
            case { Kind: WorkflowOutcomeKind.Failed } outcome:
                appended.Add(new HistoryEvent(HistoryEventType.ExecutionFailed, now) { Failure = outcome.Failure });
                End(instance, WorkflowRuntimeStatus.Failed, null, outcome.Failure, now, entries);
                break;
            default:
                break;
        }

        var early = new List<TableAction>();
        for (var i = 0; i < appended.Count; i++)
        {
            var rowKey = HistoryTable.HistoryRowKey(execution, instance.HistoryCount + i);
            early.Add(new TableAction(TableActionKind.Upsert, HistoryTable.EventEntity(instance.InstanceId, rowKey, appended[i], execution)));
        }

        instance.HistoryCount += appended.Count;
        instance.CommitCount++;
        var outboxRows = entries
            .Select((entry, i) => OutboxRow(instance, execution, i, entry, claim, now))
            .ToList();
        early.AddRange(outboxRows.Select(r => new TableAction(TableActionKind.Upsert, r)));
        early.AddRange(result.Steps.Where(s => s.Changed).Select(s => new TableAction(TableActionKind.Upsert, HistoryTable.StepEntity(instance.InstanceId, execution, s))));

        if (result.Outcome is { Kind: WorkflowOutcomeKind.ContinuedAsNew } next)
        {
            // The next execution starts with an empty history: its start event (and the events nobody waited for) go
            // to the inbox in the same transaction that moves the instance row on.
            early.Add(new TableAction(TableActionKind.Upsert, HistoryTable.EventEntity(
                instance.InstanceId, HistoryTable.HistoryRowKey(execution, instance.HistoryCount), new HistoryEvent(HistoryEventType.ContinuedAsNew, now) { Data = next.Output }, execution)));
            instance.Execution = execution + 1;
            instance.HistoryCount = 0;
            instance.CommitCount = 0;
            instance.Input = next.Output;
            instance.CustomStatus = null;
            var start = new HistoryEvent(HistoryEventType.ExecutionStarted, now) { Name = instance.Name, Data = next.Output };
            final.Add(new TableAction(TableActionKind.Upsert, HistoryTable.EventEntity(instance.InstanceId, HistoryTable.StartRowKey(instance.Execution), start, instance.Execution)));
            foreach (var carried in result.UnconsumedEvents.Take(MaxEventsPerEpisode - consumed.Count))
            {
                var rowKey = HistoryTable.ExternalEventRowKey(carried.Timestamp, Guid.NewGuid());
                final.Add(new TableAction(TableActionKind.Upsert, HistoryTable.EventEntity(instance.InstanceId, rowKey, carried, 0)));
            }
        }

        return (early, final, outboxRows);
    }

    private static void End(
        InstanceRecord instance,
        WorkflowRuntimeStatus status,
        string? output,
        WorkflowFailureDetails? failure,
        DateTimeOffset now,
        List<OutboxEntry> entries)
    {
        instance.RuntimeStatus = status;
        instance.Output = output;
        instance.Failure = failure;
        instance.CompletedTime = now;
        if (instance.ParentInstanceId is { } parent)
        {
            var e = status == WorkflowRuntimeStatus.Completed
                ? new HistoryEvent(HistoryEventType.SubWorkflowCompleted, now) { TaskId = instance.ParentTaskId, Data = output }
                : new HistoryEvent(HistoryEventType.SubWorkflowFailed, now) { TaskId = instance.ParentTaskId, Failure = failure };
            entries.Add(new OutboxEntry(OutboxKind.NotifyParent) { ParentInstanceId = parent, ParentExecution = instance.ParentExecution, Event = e });
        }
    }

    private async Task<WorkItemDisposition> TerminateAsync(InstanceSnapshot snapshot, HistoryEvent terminate, CancellationToken cancellationToken)
    {
        var instance = snapshot.Instance;
        var now = time.GetUtcNow();
        var reason = terminate.Data ?? "Terminated by a client.";
        var failure = new WorkflowFailureDetails("Terminated", reason);
        var entries = new List<OutboxEntry>();
        var claim = Guid.NewGuid().ToString("N");
        instance.LastUpdatedTime = now;
        End(instance, WorkflowRuntimeStatus.Terminated, null, failure, now, entries);
        var execution = instance.Execution;
        var early = new List<TableAction>
        {
            new(TableActionKind.Upsert, HistoryTable.EventEntity(
                instance.InstanceId,
                HistoryTable.HistoryRowKey(execution, instance.HistoryCount),
                new HistoryEvent(HistoryEventType.ExecutionTerminated, now) { Failure = failure },
                execution)),
        };
        instance.HistoryCount++;
        instance.CommitCount++;
        var outboxRows = entries
            .Select((entry, i) => OutboxRow(instance, execution, i, entry, claim, now))
            .ToList();
        early.AddRange(outboxRows.Select(r => new TableAction(TableActionKind.Upsert, r)));
        var inbox = snapshot.Inbox.Select(i => i.Row).ToList();
        var final = inbox.Take(MaxEventsPerEpisode).Select(r => new TableAction(TableActionKind.Delete, r, "*")).ToList();
        await store.CommitAsync(instance, early, final, cancellationToken).ConfigureAwait(false);
        Log.RunEnded(logger, instance.InstanceId, instance.Name, instance.RuntimeStatus);
        await FlushOutboxAsync(instance, outboxRows, claim, cancellationToken).ConfigureAwait(false);
        await store.DeleteRowsAsync(inbox.Skip(MaxEventsPerEpisode), cancellationToken).ConfigureAwait(false);
        return WorkItemDisposition.Complete;
    }

    /// <summary>
    /// Carries out outbox rows of committed episodes and deletes them; rows of a commit that never happened (a later
    /// commit number than the instance row's, or an earlier execution) are deleted unread. A row is carried out by the
    /// episode that wrote it (<paramref name="ownClaim"/>), or, once that claim has lapsed, by whoever takes it over
    /// with a conditional write, so two runners never both carry out the same row. False when rows claimed by another
    /// runner are still waiting.
    /// </summary>
    private async Task<bool> FlushOutboxAsync(InstanceRecord instance, IReadOnlyList<TableEntity> rows, string? ownClaim, CancellationToken cancellationToken)
    {
        var othersPending = false;
        foreach (var row in rows)
        {
            var execution = row.GetInt64("Execution");
            var commit = row.GetInt64("CommitCount");
            if (execution != instance.Execution || commit > instance.CommitCount)
            {
                await store.DeleteRowAsync(row, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (ownClaim is null || row.GetString("ClaimedBy") != ownClaim)
            {
                var now = time.GetUtcNow();
                if (row.GetDateTimeOffset("ClaimedUntil") > now)
                {
                    othersPending = true;
                    continue;
                }

                try
                {
                    var takeOver = new TableEntity(row.PartitionKey, row.RowKey)
                    {
                        ["ClaimedBy"] = Guid.NewGuid().ToString("N"),
                        ["ClaimedUntil"] = now + options.Value.VisibilityTimeout,
                    };
                    await store.MergeRowAsync(takeOver, row.ETag ?? "*", cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConflictException)
                {
                    othersPending = true;
                    continue;
                }
            }

            await CarryOutAsync(HistoryTable.ReadOutbox(row), cancellationToken).ConfigureAwait(false);
            await store.DeleteRowAsync(row, cancellationToken).ConfigureAwait(false);
        }

        return !othersPending;
    }

    private TableEntity OutboxRow(InstanceRecord instance, int execution, int index, OutboxEntry entry, string claim, DateTimeOffset now) =>
        HistoryTable.OutboxEntity(
            instance.InstanceId,
            HistoryTable.OutboxRowKey(execution, instance.CommitCount, index),
            entry,
            execution,
            instance.CommitCount,
            claim,
            now + options.Value.VisibilityTimeout);

    private async Task CarryOutAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        switch (entry.Kind)
        {
            case OutboxKind.Enqueue:
                var delay = entry.VisibleAt is { } at ? at - time.GetUtcNow() : (TimeSpan?)null;
                await store.EnqueueAsync(entry.WorkItem!, delay, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.StartChild:
                var now = time.GetUtcNow();
                var child = new InstanceRecord
                {
                    InstanceId = entry.ChildInstanceId!,
                    Name = entry.ChildName!,
                    RuntimeStatus = WorkflowRuntimeStatus.Pending,
                    Input = entry.ChildInput,
                    CreatedTime = now,
                    LastUpdatedTime = now,
                    ParentInstanceId = entry.ParentInstanceId,
                    ParentExecution = entry.ParentExecution,
                    ParentTaskId = entry.WorkItem!.TaskId,
                };
                try
                {
                    var started = new HistoryEvent(HistoryEventType.ExecutionStarted, now) { Name = child.Name, Data = child.Input };
                    await store.CreateAsync(child, started, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageConflictException ex) when (ex.Conflict == StorageConflict.AlreadyExists)
                {
                    // Created by an earlier attempt of this outbox row.
                }

                await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, child.InstanceId), null, cancellationToken).ConfigureAwait(false);
                break;
            case OutboxKind.NotifyParent:
                var e = entry.Event!;
                await store.AddInboxAsync(
                    entry.ParentInstanceId!,
                    HistoryTable.CompletionRowKey(entry.ParentExecution, e.Type, e.TaskId),
                    e,
                    entry.ParentExecution,
                    cancellationToken).ConfigureAwait(false);
                await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, entry.ParentInstanceId!), null, cancellationToken).ConfigureAwait(false);
                break;
            default:
                break;
        }
    }

    private async Task<WorkItemDisposition> RunActivityAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(item.InstanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.IsTerminal || instance.Execution != item.Execution)
        {
            Log.WorkItemDropped(logger, item.Kind.ToString(), item.InstanceId, item.TaskId, "the run has ended or moved on");
            return WorkItemDisposition.Complete;
        }

        // A duplicate delivery of a call that another runner is running right now waits; it comes back after the
        // visibility timeout and then finds the call completed, or the lease lapsed because that runner died.
        var leaseKey = HistoryTable.ActivityLeaseRowKey(item.Execution, item.TaskId);
        var visibility = options.Value.VisibilityTimeout;
        var (lease, _) = await store.TryTakeLeaseAsync(item.InstanceId, leaseKey, time.GetUtcNow(), time.GetUtcNow() + visibility, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            Log.WorkItemDropped(logger, item.Kind.ToString(), item.InstanceId, item.TaskId, "another runner is running it");
            return WorkItemDisposition.Abandon;
        }

        // Checked under the lease: a call whose completion is recorded is never run again.
        // The activity's own history rows: its TaskScheduled and, when it has run already, its completion.
        var prefix = HistoryTable.HistoryPrefix(item.Execution);
        var rows = await store.QueryPartitionAsync(
            item.InstanceId,
            $"RowKey ge '{prefix}' and RowKey lt 'h{item.Execution:D6}.' and TaskId eq {item.TaskId}",
            cancellationToken).ConfigureAwait(false);
        var events = rows.Select(HistoryTable.ReadEvent).ToList();
        var scheduled = events.Find(e => e.Type == HistoryEventType.TaskScheduled);
        if (scheduled is null || events.Exists(e => e.Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed))
        {
            Log.WorkItemDropped(logger, item.Kind.ToString(), item.InstanceId, item.TaskId, "its completion is recorded already");
            return WorkItemDisposition.Complete;
        }

        var inboxKey = HistoryTable.CompletionRowKey(item.Execution, HistoryEventType.TaskCompleted, item.TaskId);
        if (await store.GetRowAsync(item.InstanceId, inboxKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            // Completed by an earlier delivery that died before it woke the run: wake it, do not run again.
            await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, item.InstanceId), null, cancellationToken).ConfigureAwait(false);
            return WorkItemDisposition.Complete;
        }

        await MarkRunningAsync(item, cancellationToken).ConfigureAwait(false);
        var name = scheduled.Name ?? string.Empty;
        var activity = registry.FindActivity(name);
        var context = new ActivityContext(item.InstanceId, name, item.TaskId, item.Execution);
        var watch = Stopwatch.StartNew();
        HistoryEvent completion;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewLeaseAsync(item.InstanceId, leaseKey, lease, renewal.Token);
        try
        {
            if (activity is null)
            {
                throw new InvalidOperationException($"No activity named '{name}' is registered in this host.");
            }

            var scope = scopes.CreateAsyncScope();
            await using var disposeScope = scope.ConfigureAwait(false);
            var result = await activity.Invoke(scope.ServiceProvider, context, scheduled.Data, cancellationToken).ConfigureAwait(false);
            if (result is { Length: > HistoryTable.MaxPayloadChars })
            {
                throw new PayloadTooLargeException(
                    $"Activity '{name}' returned {result.Length} characters, over the {HistoryTable.MaxPayloadChars} a history row holds; " +
                    "keep large data in the artifact store and return its name instead.");
            }

            completion = new HistoryEvent(HistoryEventType.TaskCompleted, time.GetUtcNow()) { TaskId = item.TaskId, Data = result };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The runner is stopping: record nothing; the message reappears and the activity runs again elsewhere.
            return WorkItemDisposition.Abandon;
        }
        catch (Exception ex)
        {
            completion = new HistoryEvent(HistoryEventType.TaskFailed, time.GetUtcNow()) { TaskId = item.TaskId, Failure = WorkflowFailureDetails.FromException(ex) };
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }

        Log.ActivityRan(logger, name, item.InstanceId, item.TaskId, completion.Type == HistoryEventType.TaskCompleted ? "completed" : "failed", watch.ElapsedMilliseconds);
        await ReportCompletionAsync(item.InstanceId, item.Execution, completion, cancellationToken).ConfigureAwait(false);

        // The completion is recorded: a duplicate delivery may take the lease at once and will find it.
        await store.DeleteRowAsync(new TableEntity(item.InstanceId, leaseKey), CancellationToken.None).ConfigureAwait(false);
        return WorkItemDisposition.Complete;
    }

    /// <summary>Keeps an activity's lease while it runs, at a third of the visibility timeout.</summary>
    private async Task RenewLeaseAsync(string instanceId, string leaseKey, string etag, CancellationToken cancellationToken)
    {
        var visibility = options.Value.VisibilityTimeout;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(visibility / 3, time, cancellationToken).ConfigureAwait(false);
                var patch = new TableEntity(instanceId, leaseKey) { ["Until"] = time.GetUtcNow() + visibility };
                etag = await store.MergeRowAsync(patch, etag, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.LeaseLost(logger, instanceId, leaseKey, ex);
                return;
            }
        }
    }

    private async Task MarkRunningAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (item.StepId < 0)
        {
            return;
        }

        var step = await store.GetRowAsync(item.InstanceId, HistoryTable.StepRowKey(item.Execution, item.StepId), cancellationToken).ConfigureAwait(false);
        if (step is null || step.GetString("Status") != nameof(WorkflowStepStatus.Pending))
        {
            return;
        }

        try
        {
            var patch = new TableEntity(item.InstanceId, step.RowKey) { ["Status"] = nameof(WorkflowStepStatus.Running) };
            await store.MergeRowAsync(patch, step.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // The run moved the step on meanwhile; its record wins.
        }
    }

    /// <summary>Records a completion in the run's inbox (once: the row key is the task's) and wakes the run.</summary>
    private async Task ReportCompletionAsync(string instanceId, int execution, HistoryEvent completion, CancellationToken cancellationToken)
    {
        // Recorded even while stopping: the work is done and must not be done again.
        var rowKey = HistoryTable.CompletionRowKey(execution, completion.Type, completion.TaskId);
        await store.AddInboxAsync(instanceId, rowKey, completion, execution, CancellationToken.None).ConfigureAwait(false);
        await store.EnqueueAsync(new WorkItem(WorkItemKind.Orchestrator, instanceId), null, CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<WorkItemDisposition> FireTimerAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var instance = await store.GetInstanceAsync(item.InstanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null || instance.IsTerminal || instance.Execution != item.Execution)
        {
            Log.WorkItemDropped(logger, item.Kind.ToString(), item.InstanceId, item.TaskId, "the run has ended or moved on");
            return WorkItemDisposition.Complete;
        }

        var fireAt = item.FireAt ?? DateTimeOffset.MinValue;
        var now = time.GetUtcNow();
        if (fireAt > now)
        {
            // Not due yet (a long timer hops in steps the queue allows, or clocks differ): put it back for the rest.
            await store.EnqueueAsync(item, fireAt - now, cancellationToken).ConfigureAwait(false);
            return WorkItemDisposition.Complete;
        }

        var fired = new HistoryEvent(HistoryEventType.TimerFired, now) { TaskId = item.TaskId, FireAt = fireAt };
        await ReportCompletionAsync(item.InstanceId, item.Execution, fired, cancellationToken).ConfigureAwait(false);
        return WorkItemDisposition.Complete;
    }
}
