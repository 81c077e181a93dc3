namespace ModelOps.Workflows;

/// <summary>Thrown into workflow code when an activity call failed (after its last retry).</summary>
public sealed class ActivityFailedException : Exception
{
    public ActivityFailedException(string activityName, int taskId, WorkflowFailureDetails failure)
        : base($"Activity '{activityName}' (task {taskId}) failed: {failure}")
    {
        ActivityName = activityName;
        TaskId = taskId;
        Failure = failure;
    }

    public string ActivityName { get; }

    public int TaskId { get; }

    public WorkflowFailureDetails Failure { get; }
}
