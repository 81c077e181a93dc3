namespace ModelOps.Errors;

/// <summary>
/// A conditional write lost: the expected outcome of optimistic concurrency, which services catch and turn into a retry
/// or a 409/412 for their own callers. Stores throw it for every port that takes a concurrency token.
/// </summary>
public sealed class StoreConflictException : Exception
{
    public StoreConflictException(StoreConflict conflict, string message)
        : base(message)
    {
        Conflict = conflict;
    }

    public StoreConflictException(StoreConflict conflict, string message, Exception innerException)
        : base(message, innerException)
    {
        Conflict = conflict;
    }

    public StoreConflict Conflict { get; }
}
