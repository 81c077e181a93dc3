using ModelOps.Workflows.Registration;

namespace ModelOps.Workflows.Replay;

/// <summary>
/// Runs one episode of a workflow: re-executes the code from the start against the recorded history (completing
/// its awaited tasks from recorded results, checking that it makes the same calls), then feeds it the new events,
/// so code after the last recorded event runs live. Pure: no I/O, no clock; the same history gives the same result.
/// </summary>
internal static class WorkflowExecutor
{
    public static EpisodeResult Execute(
        WorkflowRegistration workflow,
        IServiceProvider services,
        string instanceId,
        int execution,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents)
    {
        var started = past.Concat(newEvents).FirstOrDefault(e => e.Type == HistoryEventType.ExecutionStarted)
            ?? throw new InvalidOperationException($"Run {instanceId} has no ExecutionStarted event.");
        var context = new ReplayWorkflowContext(instanceId, workflow.Name, execution, started.Data);
        var scheduler = new ReplaySynchronizationContext();
        var previous = SynchronizationContext.Current;
        Task<string?>? body = null;
        WorkflowOutcome? outcome = null;
        SynchronizationContext.SetSynchronizationContext(scheduler);
        try
        {
            context.IsReplaying = true;
            foreach (var recorded in past)
            {
                Apply(recorded);
            }

            if (outcome is null && context.PendingActions.Count > 0)
            {
                throw new NonDeterministicWorkflowException(
                    $"Workflow '{workflow.Name}' ({instanceId}): the workflow code now makes {context.PendingActions.First()} " +
                    "where its history records no such call. Was the workflow code changed while this run was in flight?");
            }

            context.IsReplaying = false;
            foreach (var fresh in newEvents)
            {
                Apply(fresh);
            }
        }
        catch (NonDeterministicWorkflowException ex)
        {
            outcome = new WorkflowOutcome(WorkflowOutcomeKind.Failed, null, WorkflowFailureDetails.FromException(ex));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var actions = outcome is null ? context.PendingActions.ToList() : [];
        return new EpisodeResult(actions, outcome, context.CustomStatus, context.Steps, context.UnconsumedEvents());

        void Apply(HistoryEvent e)
        {
            if (outcome is not null)
            {
                if (e.IsScheduling)
                {
                    throw new NonDeterministicWorkflowException(
                        $"Workflow '{workflow.Name}' ({instanceId}): the workflow code returned, but its history records " +
                        $"more calls ({e.Type} task {e.TaskId}). Was the workflow code changed while this run was in flight?");
                }

                return;
            }

            switch (e.Type)
            {
                case HistoryEventType.EpisodeStarted:
                    context.CurrentUtcDateTime = e.Timestamp;
                    break;
                case HistoryEventType.ExecutionStarted:
                    scheduler.Post(_ => body = Start(workflow, services, context, e.Data), null);
                    break;
                case HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated or HistoryEventType.SubWorkflowCreated:
                    context.MatchScheduled(e);
                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed or HistoryEventType.TimerFired
                    or HistoryEventType.SubWorkflowCompleted or HistoryEventType.SubWorkflowFailed:
                    context.Complete(e);
                    break;
                case HistoryEventType.EventRaised:
                    context.Deliver(e);
                    break;
                default:
                    break;
            }

            scheduler.Drain();
            if (body is { IsCompleted: true })
            {
                outcome = ToOutcome(body, context);
            }
        }
    }

    private static Task<string?> Start(WorkflowRegistration workflow, IServiceProvider services, IWorkflowContext context, string? input)
    {
        try
        {
            return workflow.Invoke(services, context, input);
        }
        catch (Exception ex)
        {
            return Task.FromException<string?>(ex);
        }
    }

    private static WorkflowOutcome ToOutcome(Task<string?> body, ReplayWorkflowContext context)
    {
        if (body.IsCompletedSuccessfully)
        {
            return context.ContinueAsNewRequested
                ? new WorkflowOutcome(WorkflowOutcomeKind.ContinuedAsNew, context.ContinueAsNewInput, null)
                : new WorkflowOutcome(WorkflowOutcomeKind.Completed, body.Result, null);
        }

        var error = body.Exception?.InnerException ?? new TaskCanceledException("The workflow was cancelled.");
        return new WorkflowOutcome(WorkflowOutcomeKind.Failed, null, WorkflowFailureDetails.FromException(error));
    }
}
