namespace ModelOps.Training;

/// <summary>
/// Bad training input: a column, row or hyper-parameter the trainers cannot use. The message names the
/// column, row or parameter at fault; <see cref="Column"/> and <see cref="Row"/> carry them for callers
/// that turn the error into a response.
/// </summary>
public sealed class TrainingException : Exception
{
    public TrainingException()
    {
    }

    public TrainingException(string message)
        : base(message)
    {
    }

    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingException(string message, string? column, long? row = null)
        : base(message)
    {
        Column = column;
        Row = row;
    }

    /// <summary>The column (or hyper-parameter) at fault, when there is one.</summary>
    public string? Column { get; }

    /// <summary>The 1-based line of the input file at fault, when there is one.</summary>
    public long? Row { get; }
}
