using Microsoft.Extensions.Logging;

namespace ModelOps.DurableTask;

/// <summary>Every log message of the local Durable Task engine, with fixed event ids (4000–4999).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Information, "Durable Task engine started: task hub {TaskHub}, worker {WorkerId}, {Partitions} partitions")]
    public static partial void EngineStarted(ILogger logger, string taskHub, string workerId, int partitions);

    [LoggerMessage(4002, LogLevel.Information, "Durable Task engine stopped (worker {WorkerId}); its partition leases are released")]
    public static partial void EngineStopped(ILogger logger, string workerId);

    [LoggerMessage(4003, LogLevel.Warning, "Durable Task engine (worker {WorkerId}) did not stop within the host's shutdown time; its work reappears on the queues for another host")]
    public static partial void EngineStopTimedOut(ILogger logger, string workerId);

    [LoggerMessage(4006, LogLevel.Warning, "Durable Task engine could not start on task hub {TaskHub} (storage unreachable?); trying again in {Pause}")]
    public static partial void EngineStartFailed(ILogger logger, string taskHub, TimeSpan pause, Exception exception);

    [LoggerMessage(4004, LogLevel.Information, "Purged {Count} ended runs created before the retention")]
    public static partial void Purged(ILogger logger, int count);

    [LoggerMessage(4005, LogLevel.Warning, "Purging ended runs failed; trying again at the next interval")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(4007, LogLevel.Warning, "Could not record the start of step {Step} of run {RunId}; its attempts may read one short")]
    public static partial void AttemptNotRecorded(ILogger logger, string step, string runId, Exception exception);
}
