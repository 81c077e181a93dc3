namespace ModelOps.Workflows;

/// <summary>Where one step (an activity or sub-workflow call, all its attempts together) stands.</summary>
public enum WorkflowStepStatus
{
    Pending,
    Running,
    Completed,
    Failed,
}
