namespace ModelOps.Workflows;

/// <summary>Thrown into workflow code when a sub-workflow ended Failed or Terminated.</summary>
public sealed class SubWorkflowFailedException : Exception
{
    public SubWorkflowFailedException(string name, string instanceId, WorkflowFailureDetails failure)
        : base($"Sub-workflow '{name}' ({instanceId}) failed: {failure}")
    {
        WorkflowName = name;
        InstanceId = instanceId;
        Failure = failure;
    }

    public string WorkflowName { get; }

    public string InstanceId { get; }

    public WorkflowFailureDetails Failure { get; }
}
