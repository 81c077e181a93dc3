using Microsoft.Extensions.Logging;

namespace ModelOps.Functions;

/// <summary>Every log message of the Functions app, with fixed event ids (7000–7999).</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Debug, "Blob {Container}/{Blob} is not training data (a CSV file name); ignored")]
    public static partial void BlobIgnored(ILogger logger, string container, string blob);

    [LoggerMessage(7002, LogLevel.Information, "Blob {Container}/{Blob} starts no run: it is gone, its model name is not valid, or the model has no training configuration yet")]
    public static partial void BlobNotStarted(ILogger logger, string container, string blob);

    [LoggerMessage(7003, LogLevel.Information, "Blob {Container}/{Blob} is run {RunId} of model {Model}")]
    public static partial void BlobRun(ILogger logger, string container, string blob, string model, string runId);

    [LoggerMessage(7004, LogLevel.Information, "Retraining schedules started {Count} runs: {RunIds}")]
    public static partial void SchedulesFired(ILogger logger, int count, string runIds);

    [LoggerMessage(7005, LogLevel.Information, "Purged {Count} ended runs created before the retention")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(7006, LogLevel.Warning, "The Durable Functions client cannot read the history of run {RunId} ({Reason}); its steps are left empty")]
    public static partial void HistoryUnavailable(ILogger logger, string runId, string reason);

    [LoggerMessage(7007, LogLevel.Information, "Registry recovery: {Finished} dead registrations finished, {Released} numbers given back, {Orphans} orphan file sets deleted")]
    public static partial void RegistryRecovered(ILogger logger, int finished, int released, int orphans);

    [LoggerMessage(7008, LogLevel.Warning, "Could not record the start of step {Step} of run {RunId}; its attempts may read one short")]
    public static partial void AttemptNotRecorded(ILogger logger, string step, string runId, Exception exception);
}
