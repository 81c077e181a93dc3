namespace ModelOps.Workflows;

/// <summary>One step of a run as its orchestration history tells it, for the run-status API.</summary>
/// <param name="Name">The activity or sub-orchestration name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Executions so far: retries, and executions delivered again after a worker died.</param>
/// <param name="Start">When the orchestration first scheduled it.</param>
/// <param name="End">When it completed, finally failed, or was cut short by termination.</param>
/// <param name="DurationMs">When it ended: end minus start, or the last execution's time when a worker died under an earlier one.</param>
/// <param name="Error">The last attempt's failure, when it failed.</param>
public sealed record WorkflowStep(
    string Name,
    WorkflowStepStatus Status,
    int Attempts,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    long? DurationMs,
    string? Error);
