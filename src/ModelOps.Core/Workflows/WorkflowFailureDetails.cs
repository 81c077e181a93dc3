namespace ModelOps.Workflows;

/// <summary>Why a run or a step failed: the exception's type and message as the engine recorded them.</summary>
/// <param name="ErrorType">The full name of the exception type.</param>
/// <param name="Message">The exception's message.</param>
public sealed record WorkflowFailureDetails(string ErrorType, string Message)
{
    public override string ToString() => $"{ErrorType}: {Message}";
}
