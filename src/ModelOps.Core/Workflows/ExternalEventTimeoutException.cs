namespace ModelOps.Workflows;

/// <summary>Thrown into workflow code when <see cref="IWorkflowContext.WaitForExternalEvent{T}"/> timed out.</summary>
public sealed class ExternalEventTimeoutException : TimeoutException
{
    public ExternalEventTimeoutException(string eventName, TimeSpan timeout)
        : base($"No event '{eventName}' arrived within {timeout}.")
    {
        EventName = eventName;
        Timeout = timeout;
    }

    public string EventName { get; }

    public TimeSpan Timeout { get; }
}
