namespace ModelOps.Retraining;

/// <summary>
/// An expected end of a run (bad data, a trainer that failed, a model that does not fit the data), with a message that
/// names the problem. The workflow does not retry it; the run ends Failed with the message.
/// </summary>
public sealed class RetrainingException : Exception
{
    public RetrainingException(string message)
        : base(message)
    {
    }

    public RetrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
