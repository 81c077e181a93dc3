namespace ModelOps.Workflows.Replay;

/// <summary>What a workflow asked the runner to do.</summary>
internal enum WorkflowActionKind
{
    ScheduleActivity,
    CreateTimer,
    CreateSubWorkflow,
}
