using System.Globalization;
using ModelOps.Workflows.Registration;

namespace ModelOps.Workflows.Replay;

/// <summary>
/// The <see cref="IWorkflowContext"/> of one episode. Every call made by workflow code becomes a numbered action;
/// the executor matches actions against the recorded history and completes their tasks from recorded results.
/// All members run on the executor's thread, under <see cref="ReplaySynchronizationContext"/>; the awaits inside
/// this class use <c>ConfigureAwait(true)</c> so they stay there.
/// </summary>
internal sealed class ReplayWorkflowContext : IWorkflowContext
{
    private readonly string? _input;
    private readonly int _threadId = Environment.CurrentManagedThreadId;
    private readonly SortedDictionary<int, WorkflowAction> _pendingActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly Dictionary<string, Queue<HistoryEvent>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StepState> _steps = [];
    private int _nextTaskId;
    private int _guidCounter;
    private DateTimeOffset? _completionTime;

    public ReplayWorkflowContext(string instanceId, string name, int execution, string? input)
    {
        InstanceId = instanceId;
        Name = name;
        Execution = execution;
        _input = input;
    }

    public string InstanceId { get; }

    public string Name { get; }

    public int Execution { get; }

    public bool IsReplaying { get; set; } = true;

    public DateTimeOffset CurrentUtcDateTime { get; set; }

    public string? CustomStatus { get; private set; }

    public bool ContinueAsNewRequested { get; private set; }

    public string? ContinueAsNewInput { get; private set; }

    /// <summary>Decisions made by the code and not yet matched against history.</summary>
    public IReadOnlyCollection<WorkflowAction> PendingActions => _pendingActions.Values;

    public IReadOnlyList<StepState> Steps => _steps;

    public T? GetInput<T>() => Invokers.Deserialize<T>(_input);

    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null)
    {
        var result = await CallActivityCoreAsync(name, input, retry).ConfigureAwait(true);
        return Invokers.Deserialize<TResult>(result)!;
    }

    public Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null) =>
        CallActivityCoreAsync(name, input, retry);

    public Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken = default)
    {
        EnsureOnScheduler();
        var id = _nextTaskId++;
        var open = Schedule(new WorkflowAction(WorkflowActionKind.CreateTimer, id, "timer") { FireAt = fireAt });
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => open.Completion.TrySetCanceled(cancellationToken));
        }

        return open.Completion.Task;
    }

    public async Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout)
    {
        EnsureOnScheduler();
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (_bufferedEvents.TryGetValue(name, out var buffered) && buffered.Count > 0)
        {
            return Invokers.Deserialize<T>(buffered.Dequeue().Data)!;
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(name, out var waiters))
        {
            waiters = [];
            _eventWaiters[name] = waiters;
        }

        waiters.Add(waiter);
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return Invokers.Deserialize<T>(await waiter.Task.ConfigureAwait(true))!;
        }

        using var cancelTimer = new CancellationTokenSource();
        var timer = CreateTimer(CurrentUtcDateTime + timeout, cancelTimer.Token);
        var first = await Task.WhenAny(waiter.Task, timer).ConfigureAwait(true);
        if (first == waiter.Task)
        {
            // Synchronously, on the replay scheduler: CancelAsync would run the timer's callback on the thread pool.
#pragma warning disable CA1849
            cancelTimer.Cancel();
#pragma warning restore CA1849
            return Invokers.Deserialize<T>(await waiter.Task.ConfigureAwait(true))!;
        }

        waiters.Remove(waiter);
        throw new ExternalEventTimeoutException(name, timeout);
    }

    public Guid NewGuid()
    {
        EnsureOnScheduler();
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{InstanceId}_{CurrentUtcDateTime.UtcDateTime:o}_{_guidCounter++}");
        return DeterministicGuid.Create(DeterministicGuid.WorkflowNamespace, name);
    }

    public void SetCustomStatus(object? customStatus)
    {
        EnsureOnScheduler();
        CustomStatus = Invokers.Serialize(customStatus);
    }

    public async Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, string? instanceId = null)
    {
        EnsureOnScheduler();
        ArgumentException.ThrowIfNullOrEmpty(name);
        var id = _nextTaskId++;
        var childId = instanceId ?? string.Create(CultureInfo.InvariantCulture, $"{InstanceId}:{Execution}:{id}");
        var step = StartStep(id, name);
        step.Attempts = 1;
        var open = Schedule(new WorkflowAction(WorkflowActionKind.CreateSubWorkflow, id, name)
        {
            Input = Invokers.Serialize(input),
            ChildInstanceId = childId,
            StepId = id,
        });
        try
        {
            var result = await open.Completion.Task.ConfigureAwait(true);
            EndStep(step, WorkflowStepStatus.Completed, null);
            return Invokers.Deserialize<TResult>(result)!;
        }
        catch (SubWorkflowFailedException ex)
        {
            EndStep(step, WorkflowStepStatus.Failed, ex.Failure.Message);
            throw;
        }
    }

    public void ContinueAsNew(object? newInput)
    {
        EnsureOnScheduler();
        ContinueAsNewRequested = true;
        ContinueAsNewInput = Invokers.Serialize(newInput);
    }

    /// <summary>Matches a recorded scheduling event against the decision the code made with the same id.</summary>
    public void MatchScheduled(HistoryEvent recorded)
    {
        if (!_pendingActions.Remove(recorded.TaskId, out var action))
        {
            throw new NonDeterministicWorkflowException(
                $"Workflow '{Name}' ({InstanceId}): history records {Describe(recorded)} but the workflow code did not make " +
                "that call at this point. Was the workflow code changed while this run was in flight?");
        }

        if (action.ScheduledEventType != recorded.Type || !string.Equals(action.Name, recorded.Name, StringComparison.Ordinal))
        {
            throw new NonDeterministicWorkflowException(
                $"Workflow '{Name}' ({InstanceId}): history records {Describe(recorded)} but the workflow code now makes " +
                $"{action} in its place. Was the workflow code changed while this run was in flight?");
        }
    }

    /// <summary>Completes the task a recorded completion belongs to.</summary>
    public void Complete(HistoryEvent completion)
    {
        if (!_openTasks.TryGetValue(completion.TaskId, out var open))
        {
            throw new NonDeterministicWorkflowException(
                $"Workflow '{Name}' ({InstanceId}): history completes task {completion.TaskId} which the workflow code never scheduled.");
        }

        _completionTime = completion.Timestamp;
        var failure = completion.Failure ?? new WorkflowFailureDetails("Unknown", "No failure details were recorded.");
        switch (completion.Type)
        {
            case HistoryEventType.TaskCompleted or HistoryEventType.SubWorkflowCompleted:
                open.Completion.TrySetResult(completion.Data);
                break;
            case HistoryEventType.TimerFired:
                open.Completion.TrySetResult(null);
                break;
            case HistoryEventType.TaskFailed:
                open.Completion.TrySetException(new ActivityFailedException(open.Action.Name, open.Action.TaskId, failure));
                break;
            case HistoryEventType.SubWorkflowFailed:
                open.Completion.TrySetException(new SubWorkflowFailedException(open.Action.Name, open.Action.ChildInstanceId ?? string.Empty, failure));
                break;
            default:
                throw new ArgumentException($"{completion.Type} is not a completion.", nameof(completion));
        }
    }

    /// <summary>Delivers an external event to the oldest waiter for its name, or buffers it.</summary>
    public void Deliver(HistoryEvent raised)
    {
        var name = raised.Name ?? string.Empty;
        if (_eventWaiters.TryGetValue(name, out var waiters))
        {
            while (waiters.Count > 0)
            {
                var waiter = waiters[0];
                waiters.RemoveAt(0);
                if (waiter.TrySetResult(raised.Data))
                {
                    return;
                }
            }
        }

        if (!_bufferedEvents.TryGetValue(name, out var buffered))
        {
            buffered = new Queue<HistoryEvent>();
            _bufferedEvents[name] = buffered;
        }

        buffered.Enqueue(raised);
    }

    public IReadOnlyList<HistoryEvent> UnconsumedEvents() =>
        _bufferedEvents.Values.SelectMany(q => q).OrderBy(e => e.Timestamp).ToList();

    private async Task<string?> CallActivityCoreAsync(string name, object? input, RetryPolicy? retry)
    {
        EnsureOnScheduler();
        ArgumentException.ThrowIfNullOrEmpty(name);
        var json = Invokers.Serialize(input);
        var step = StartStep(_nextTaskId, name);
        for (var attempt = 1; ; attempt++)
        {
            var id = _nextTaskId++;
            step.Attempts = attempt;
            step.Status = WorkflowStepStatus.Pending;
            step.Changed |= !IsReplaying;
            var open = Schedule(new WorkflowAction(WorkflowActionKind.ScheduleActivity, id, name) { Input = json, StepId = step.StepId });
            try
            {
                var result = await open.Completion.Task.ConfigureAwait(true);
                EndStep(step, WorkflowStepStatus.Completed, null);
                return result;
            }
            catch (ActivityFailedException ex)
                when (retry is not null && attempt < retry.MaxAttempts && (retry.Handle?.Invoke(ex.Failure) ?? true))
            {
                step.Error = ex.Failure.Message;
                step.Changed |= !IsReplaying;
                await CreateTimer(CurrentUtcDateTime + retry.GetDelay(attempt)).ConfigureAwait(true);
            }
            catch (ActivityFailedException ex)
            {
                EndStep(step, WorkflowStepStatus.Failed, ex.Failure.Message);
                throw;
            }
        }
    }

    private OpenTask Schedule(WorkflowAction action)
    {
        var open = new OpenTask(action, new TaskCompletionSource<string?>());
        _pendingActions.Add(action.TaskId, action);
        _openTasks.Add(action.TaskId, open);
        return open;
    }

    private StepState StartStep(int stepId, string name)
    {
        var step = new StepState(stepId, name, CurrentUtcDateTime) { Changed = !IsReplaying };
        _steps.Add(step);
        return step;
    }

    private void EndStep(StepState step, WorkflowStepStatus status, string? error)
    {
        step.Status = status;
        step.End = _completionTime ?? CurrentUtcDateTime;
        step.Error = error;
        step.Changed |= !IsReplaying;
    }

    private void EnsureOnScheduler()
    {
        if (Environment.CurrentManagedThreadId != _threadId || SynchronizationContext.Current is not ReplaySynchronizationContext)
        {
            throw new InvalidOperationException(
                $"Workflow '{Name}' ({InstanceId}) called its context off the replay scheduler. Workflow code must not use " +
                "ConfigureAwait(false), Task.Run or other threads: write ConfigureAwait(true) or nothing on its awaits.");
        }
    }

    private static string Describe(HistoryEvent recorded) => recorded.Type switch
    {
        HistoryEventType.TaskScheduled => $"activity '{recorded.Name}' (task {recorded.TaskId})",
        HistoryEventType.TimerCreated => $"timer (task {recorded.TaskId})",
        _ => $"sub-workflow '{recorded.Name}' (task {recorded.TaskId})",
    };

    private sealed record OpenTask(WorkflowAction Action, TaskCompletionSource<string?> Completion);
}
