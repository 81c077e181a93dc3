namespace ModelOps.Workflows;

/// <summary>
/// What a workflow may do, with Durable Functions semantics (modelled on DurableTask's <c>TaskOrchestrationContext</c>).
/// Workflow code is replayed from its history many times, so it must be deterministic: it asks this context for time,
/// timers, ids and activity calls, and never reads the clock, calls <see cref="Guid.NewGuid"/>, does I/O or uses
/// <see cref="Task.Delay(TimeSpan)"/> or <see cref="Task.Run(Action)"/> itself.
/// </summary>
/// <remarks>
/// Awaits in workflow code must resume on the runner's replay scheduler: never write <c>ConfigureAwait(false)</c>
/// in a workflow; write <c>ConfigureAwait(true)</c> (which satisfies CA2007) or nothing. Activities are ordinary code
/// and use <c>ConfigureAwait(false)</c> as every library does.
/// </remarks>
public interface IWorkflowContext
{
    /// <summary>The id of this run.</summary>
    string InstanceId { get; }

    /// <summary>The registered name of the running workflow.</summary>
    string Name { get; }

    /// <summary>True while the code re-executes recorded history; false once it runs past the last recorded event.</summary>
    bool IsReplaying { get; }

    /// <summary>The current time as recorded in history: the same value on every replay.</summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>The run's input, deserialised from JSON.</summary>
    T? GetInput<T>();

    /// <summary>
    /// Calls an activity and returns its result. With a <paramref name="retry"/> policy a failed attempt is retried
    /// after a durable timer. Throws <see cref="ActivityFailedException"/> when the last attempt fails.
    /// </summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>Calls an activity that returns nothing of interest.</summary>
    Task CallActivityAsync(string name, object? input = null, RetryPolicy? retry = null);

    /// <summary>
    /// A durable timer: completes when <paramref name="fireAt"/> has passed, also across host restarts. Cancelling
    /// <paramref name="cancellationToken"/> cancels the task (the recorded timer then fires into nothing).
    /// </summary>
    Task CreateTimer(DateTimeOffset fireAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an event raised with <see cref="IWorkflowClient.RaiseEventAsync"/> (names compare case-insensitively).
    /// Events raised before the wait are buffered. Throws <see cref="ExternalEventTimeoutException"/> when
    /// <paramref name="timeout"/> passes first (<see cref="Timeout.InfiniteTimeSpan"/> waits for ever).
    /// </summary>
    Task<T> WaitForExternalEvent<T>(string name, TimeSpan timeout);

    /// <summary>A new GUID that is the same on every replay (a name-based UUID v5 from the instance id and a counter).</summary>
    Guid NewGuid();

    /// <summary>Sets the status object callers see in <see cref="WorkflowInstance.CustomStatus"/> (serialised to JSON).</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Runs another registered workflow as a child and returns its output. The child's id is derived from this
    /// instance's id unless <paramref name="instanceId"/> is given. Throws <see cref="SubWorkflowFailedException"/> when it fails.
    /// </summary>
    Task<TResult> CallSubWorkflowAsync<TResult>(string name, object? input = null, string? instanceId = null);

    /// <summary>
    /// Restarts this workflow with a new input and an empty history once the current code returns: the way an
    /// eternal workflow keeps its history bounded. Events not yet consumed carry over to the new execution.
    /// </summary>
    void ContinueAsNew(object? newInput);
}
