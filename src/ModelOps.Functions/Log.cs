using Microsoft.Extensions.Logging;

namespace ModelOps.Functions;

/// <summary>Every log message of the Functions app, with fixed event ids (7000–7999).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Debug, "Blob {Container}/{Blob} is not training data (a CSV under a valid model name); ignored")]
    public static partial void BlobIgnored(ILogger logger, string container, string blob);

    [LoggerMessage(7002, LogLevel.Information, "Blob {Container}/{Blob} was gone when its event arrived; nothing to start")]
    public static partial void BlobGone(ILogger logger, string container, string blob);

    [LoggerMessage(7003, LogLevel.Information, "Blob {Container}/{Blob} (ETag {ETag}) is run {RunId} of model {Model}")]
    public static partial void BlobRun(ILogger logger, string container, string blob, string etag, string model, string runId);

    [LoggerMessage(7004, LogLevel.Information, "Retraining schedules started {Count} runs: {RunIds}")]
    public static partial void SchedulesFired(ILogger logger, int count, string runIds);

    [LoggerMessage(7005, LogLevel.Information, "Purged {Count} ended runs created before the retention")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(7006, LogLevel.Warning, "The Durable Functions client cannot read the history of run {RunId} ({Reason}); its steps are left empty")]
    public static partial void HistoryUnavailable(ILogger logger, string runId, string reason);
}
