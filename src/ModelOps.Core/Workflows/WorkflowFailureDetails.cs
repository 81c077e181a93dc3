namespace ModelOps.Workflows;

/// <summary>Why an activity or a workflow failed: the exception's type and message, kept in history.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="StackTrace">The stack trace, when one was captured.</param>
public sealed record WorkflowFailureDetails(string ErrorType, string Message, string? StackTrace = null)
{
    public static WorkflowFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(exception.GetType().FullName ?? exception.GetType().Name, exception.Message, exception.StackTrace);
    }

    /// <summary>True when the failure came from an exception of type <typeparamref name="T"/>.</summary>
    public bool IsCausedBy<T>()
        where T : Exception => string.Equals(ErrorType, typeof(T).FullName, StringComparison.Ordinal);

    public override string ToString() => $"{ErrorType}: {Message}";
}
