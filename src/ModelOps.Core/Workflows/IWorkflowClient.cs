namespace ModelOps.Workflows;

/// <summary>
/// The port to the workflow engine (the Durable Task engine: DurableTask.Core locally, Durable Functions on Azure):
/// starts, inspects and steers runs of registered orchestrations.
/// </summary>
public interface IWorkflowClient
{
    /// <summary>
    /// Starts a run of the orchestration <paramref name="name"/> under <paramref name="instanceId"/>. Returns false, starting
    /// nothing, when a run with that id exists already (whatever its status), so ids derived from what triggered a run
    /// make a repeated trigger a no-op.
    /// </summary>
    Task<bool> StartAsync(
        string name,
        string instanceId,
        object? input,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// The run's status, with its steps read from the orchestration history when <paramref name="includeSteps"/>;
    /// null when there is no such run.
    /// </summary>
    Task<WorkflowInstance?> GetStatusAsync(string instanceId, bool includeSteps = true, CancellationToken cancellationToken = default);

    /// <summary>
    /// Ends a run as Terminated. False when it had ended already; throws <see cref="Errors.ModelOpsException"/> (NotFound)
    /// when there is no such run.
    /// </summary>
    Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Delivers an event to a run. Throws <see cref="Errors.ModelOpsException"/> (NotFound) when there is no such run.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes the history and status of ended runs created before <paramref name="createdBefore"/>; returns how many.</summary>
    Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
