namespace ModelOps.Workflows;

/// <summary>
/// The workflow code no longer does what its recorded history says it did (it was changed while a run was in flight,
/// or it is not deterministic). The run fails with this error rather than repeat or skip a step.
/// </summary>
public sealed class NonDeterministicWorkflowException : Exception
{
    public NonDeterministicWorkflowException(string message)
        : base(message)
    {
    }
}
