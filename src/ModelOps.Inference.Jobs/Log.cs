using Microsoft.Extensions.Logging;
using ModelOps.Inference.Jobs.Queue;

namespace ModelOps.Inference.Jobs;

/// <summary>Every log message of queue inference and batch transform, with fixed event ids (12000–12999).</summary>
internal static partial class Log
{
    [LoggerMessage(12001, LogLevel.Debug, "Queued inference {Id} of model {Model}: {Outcome}")]
    public static partial void MessageHandled(ILogger logger, string id, string model, QueuedInferenceOutcome outcome);

    [LoggerMessage(12002, LogLevel.Information, "Queued inference {Id} of model {Model} failed as a bad request: {Reason}")]
    public static partial void MessageFailed(ILogger logger, string id, string model, string reason);

    [LoggerMessage(12003, LogLevel.Warning, "A queue message names no place for its result and was moved to the poison queue: {Reason}")]
    public static partial void MessageRejected(ILogger logger, string reason);

    [LoggerMessage(12004, LogLevel.Warning, "Queue message {MessageId} is not base64 text as the queue's encoding requires; moved to the poison queue")]
    public static partial void MessageUndecodable(ILogger logger, string messageId);

    [LoggerMessage(12005, LogLevel.Warning, "Queue message {MessageId} failed (attempt {Attempt} of {MaxAttempts}); it will be tried again")]
    public static partial void MessageRetried(ILogger logger, string messageId, long attempt, int maxAttempts, Exception exception);

    [LoggerMessage(12006, LogLevel.Error, "Queue message {MessageId} failed {Attempt} times; moved to the poison queue")]
    public static partial void MessagePoisoned(ILogger logger, string messageId, long attempt, Exception exception);

    [LoggerMessage(12007, LogLevel.Information, "Listening on the inference queue: batches of {BatchSize}, {MaxConcurrent} at once, poison after {MaxDequeueCount} attempts")]
    public static partial void ListenerStarted(ILogger logger, int batchSize, int maxConcurrent, int maxDequeueCount);

    [LoggerMessage(12008, LogLevel.Warning, "Receiving from the inference queue failed; trying again in {Delay}")]
    public static partial void ReceiveFailed(ILogger logger, TimeSpan delay, Exception exception);

    [LoggerMessage(12101, LogLevel.Information, "Batch transform {RunId} of model {Model} version {Version} started: {Input} -> {Output} ({Format})")]
    public static partial void BatchStarted(ILogger logger, string runId, string model, int version, string input, string output, string format);

    [LoggerMessage(12102, LogLevel.Information, "Batch transform {RunId}: {Files} files, {Rows} rows in {Shards} shards")]
    public static partial void BatchPlanned(ILogger logger, string runId, int files, long rows, int shards);

    [LoggerMessage(12103, LogLevel.Information, "Batch transform {RunId}: shard {Shard} of {File} scored {Rows} rows ({Errors} errors) in {ElapsedMs} ms")]
    public static partial void ShardScored(ILogger logger, string runId, int shard, string file, long rows, long errors, long elapsedMs);

    [LoggerMessage(12104, LogLevel.Information, "Batch transform {RunId} wrote {Files} outputs: {Rows} rows, {Errors} errors")]
    public static partial void BatchWritten(ILogger logger, string runId, int files, long rows, long errors);

    [LoggerMessage(12105, LogLevel.Warning, "Batch transform {RunId} failed: {Reason}")]
    public static partial void BatchFailed(ILogger logger, string runId, string reason);
}
