using Microsoft.Extensions.Logging;

namespace ModelOps.Storage;

/// <summary>The storage adapter's log messages, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Uploaded blob {Container}/{Name}: {Length} bytes, ETag {ETag}")]
    public static partial void BlobUploaded(ILogger logger, string container, string name, long length, string etag);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "Lease on blob {Container}/{Name} is held by another owner")]
    public static partial void LeaseHeldElsewhere(ILogger logger, string container, string name);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Releasing lease {LeaseId} on blob {Container}/{Name} found it already lost")]
    public static partial void LeaseAlreadyLost(ILogger logger, string leaseId, string container, string name, Exception exception);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Debug, Message = "Transaction on table {Table} applied {Count} actions")]
    public static partial void TransactionApplied(ILogger logger, string table, int count);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Debug, Message = "Received {Count} messages from queue {Queue}")]
    public static partial void MessagesReceived(ILogger logger, int count, string queue);
}
