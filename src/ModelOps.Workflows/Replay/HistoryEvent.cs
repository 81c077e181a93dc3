namespace ModelOps.Workflows.Replay;

/// <summary>One recorded event of a run's history.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Timestamp">When the runner recorded it (for completions: when the work finished).</param>
internal sealed record HistoryEvent(HistoryEventType Type, DateTimeOffset Timestamp)
{
    /// <summary>The task, timer or sub-workflow id the event belongs to; -1 for none.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>The activity, workflow or event name.</summary>
    public string? Name { get; init; }

    /// <summary>The JSON input, result or payload.</summary>
    public string? Data { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>For timers: when they fire.</summary>
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>For sub-workflows: the child's instance id.</summary>
    public string? ChildInstanceId { get; init; }

    public bool IsCompletion => Type is HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed
        or HistoryEventType.TimerFired or HistoryEventType.SubWorkflowCompleted or HistoryEventType.SubWorkflowFailed;

    public bool IsScheduling => Type is HistoryEventType.TaskScheduled or HistoryEventType.TimerCreated
        or HistoryEventType.SubWorkflowCreated;
}
