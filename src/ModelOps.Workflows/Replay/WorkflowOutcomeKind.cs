namespace ModelOps.Workflows.Replay;

/// <summary>How an execution ended.</summary>
internal enum WorkflowOutcomeKind
{
    Completed,
    Failed,
    ContinuedAsNew,
}
