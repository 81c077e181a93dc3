namespace ModelOps.Storage;

/// <summary>
/// A conditional write lost: the expected outcome of optimistic concurrency, which callers catch and turn into
/// a retry or a 409/412 for their own callers.
/// </summary>
public sealed class StorageConflictException : Exception
{
    public StorageConflictException(StorageConflict conflict, string message)
        : base(message)
    {
        Conflict = conflict;
    }

    public StorageConflictException(StorageConflict conflict, string message, Exception innerException)
        : base(message, innerException)
    {
        Conflict = conflict;
    }

    public StorageConflict Conflict { get; }
}
