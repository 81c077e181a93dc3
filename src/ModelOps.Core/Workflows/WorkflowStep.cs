namespace ModelOps.Workflows;

/// <summary>One step of a run, for the run-status API.</summary>
/// <param name="Name">The activity or sub-workflow name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made so far (retries included).</param>
/// <param name="Start">When the workflow first scheduled it.</param>
/// <param name="End">When it completed or finally failed.</param>
/// <param name="DurationMs">End minus start, when it ended.</param>
/// <param name="Error">The last failure, when it failed.</param>
public sealed record WorkflowStep(
    string Name,
    WorkflowStepStatus Status,
    int Attempts,
    DateTimeOffset? Start,
    DateTimeOffset? End,
    long? DurationMs,
    string? Error);
