namespace ModelOps.Workflows.Replay;

/// <summary>What one episode of a workflow decided.</summary>
/// <param name="Actions">New decisions, in the order the code made them.</param>
/// <param name="Outcome">How the execution ended; null while it waits.</param>
/// <param name="CustomStatus">The custom status JSON as of the end of the episode.</param>
/// <param name="Steps">Every step known to the execution, in order.</param>
/// <param name="UnconsumedEvents">External events received but not waited for (carried over on continue-as-new).</param>
internal sealed record EpisodeResult(
    IReadOnlyList<WorkflowAction> Actions,
    WorkflowOutcome? Outcome,
    string? CustomStatus,
    IReadOnlyList<StepState> Steps,
    IReadOnlyList<HistoryEvent> UnconsumedEvents);
