namespace ModelOps.Errors;

/// <summary>
/// An expected failure with a message fit for the caller (naming the field, tensor or resource at fault).
/// Hosts turn it into a response in one place; anything else escaping a service is a bug.
/// </summary>
public sealed class ModelOpsException : Exception
{
    public ModelOpsException(ErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public ModelOpsException(ErrorKind kind, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }

    public static ModelOpsException Invalid(string message) => new(ErrorKind.InvalidInput, message);

    public static ModelOpsException NotFound(string message) => new(ErrorKind.NotFound, message);

    public static ModelOpsException Conflict(string message) => new(ErrorKind.Conflict, message);

    public static ModelOpsException PreconditionFailed(string message) => new(ErrorKind.PreconditionFailed, message);
}
