namespace ModelOps.Workflows.Replay;

/// <summary>The kinds of history event (the DurableTask event vocabulary, trimmed to what the runner needs).</summary>
internal enum HistoryEventType
{
    /// <summary>An episode of the workflow began; its timestamp is the workflow's current time from here on.</summary>
    EpisodeStarted,
    ExecutionStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubWorkflowCreated,
    SubWorkflowCompleted,
    SubWorkflowFailed,
    EventRaised,
    ExecutionCompleted,
    ExecutionFailed,
    ExecutionTerminated,
    ContinuedAsNew,
}
