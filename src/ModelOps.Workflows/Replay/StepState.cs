namespace ModelOps.Workflows.Replay;

/// <summary>A step as replay sees it; <see cref="Changed"/> when this episode (not a replay) changed it.</summary>
internal sealed class StepState(int stepId, string name, DateTimeOffset start)
{
    public int StepId { get; } = stepId;

    public string Name { get; } = name;

    public WorkflowStepStatus Status { get; set; } = WorkflowStepStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset? End { get; set; }

    public string? Error { get; set; }

    public bool Changed { get; set; }

    public WorkflowStep ToStep() => new(
        Name,
        Status,
        Attempts,
        Start,
        End,
        End is { } end ? (long)(end - Start).TotalMilliseconds : null,
        Error);
}
