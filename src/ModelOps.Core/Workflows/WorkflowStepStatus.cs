namespace ModelOps.Workflows;

/// <summary>Where one step (an activity or sub-orchestration call, all its attempts together) stands.</summary>
public enum WorkflowStepStatus
{
    /// <summary>Scheduled and not finished: its attempt is running, queued, or waiting for a retry.</summary>
    Running,

    Completed,

    Failed,

    /// <summary>The run was terminated while the step was under way; the step's outcome was thrown away.</summary>
    Terminated,
}
