namespace ModelOps.Workflows;

/// <summary>Starts, inspects and steers workflow runs. Hosts put their run routes on it.</summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts a run of the registered workflow <paramref name="name"/> and returns its id. Throws
    /// <see cref="Errors.ModelOpsException"/> (InvalidInput) for an unknown workflow or a bad id, (Conflict) when the id is taken.
    /// </summary>
    Task<string> StartAsync(string name, object? input = null, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>The run's status and steps; null when there is no such run.</summary>
    Task<WorkflowInstance?> GetStatusAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Runs newest first, optionally those with one tag value, a page at a time.</summary>
    Task<WorkflowPage> ListAsync(WorkflowQuery query, CancellationToken cancellationToken = default);

    /// <summary>Ends a run as Terminated. False when it had ended already; NotFound when there is no such run.</summary>
    Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Delivers an event to a run (see <see cref="IWorkflowContext.WaitForExternalEvent{T}"/>). NotFound when there is no such run.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an ended run with its history and status. False when there was none; Conflict while it still runs.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Polls until the run has ended and returns its status; throws <see cref="OperationCanceledException"/> when cancelled.</summary>
    Task<WorkflowInstance> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default);
}
