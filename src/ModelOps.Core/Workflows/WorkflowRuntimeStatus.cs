namespace ModelOps.Workflows;

/// <summary>Where a run stands (the Durable Functions runtime status names).</summary>
public enum WorkflowRuntimeStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}
