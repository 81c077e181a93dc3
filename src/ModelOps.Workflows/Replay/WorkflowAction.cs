namespace ModelOps.Workflows.Replay;

/// <summary>A decision of the workflow code: an activity call, a timer or a sub-workflow, with the id it was given.</summary>
internal sealed record WorkflowAction(WorkflowActionKind Kind, int TaskId, string Name)
{
    public string? Input { get; init; }

    public DateTimeOffset? FireAt { get; init; }

    public string? ChildInstanceId { get; init; }

    /// <summary>The step this call belongs to (the task id of its first attempt).</summary>
    public int StepId { get; init; } = -1;

    public HistoryEventType ScheduledEventType => Kind switch
    {
        WorkflowActionKind.ScheduleActivity => HistoryEventType.TaskScheduled,
        WorkflowActionKind.CreateTimer => HistoryEventType.TimerCreated,
        _ => HistoryEventType.SubWorkflowCreated,
    };

    /// <summary>The history event that records this decision.</summary>
    public HistoryEvent ToHistoryEvent(DateTimeOffset timestamp) => new(ScheduledEventType, timestamp)
    {
        TaskId = TaskId,
        Name = Name,
        Data = Input,
        FireAt = FireAt,
        ChildInstanceId = ChildInstanceId,
    };

    public override string ToString() => Kind switch
    {
        WorkflowActionKind.ScheduleActivity => $"activity '{Name}' (task {TaskId})",
        WorkflowActionKind.CreateTimer => $"timer (task {TaskId})",
        _ => $"sub-workflow '{Name}' (task {TaskId})",
    };
}
