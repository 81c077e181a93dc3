using Microsoft.Extensions.Logging;

namespace ModelOps;

/// <summary>Every log message of the core, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "Registered model {Model} version {Version} (sha256 {Sha256}, {Size} bytes)")]
    public static partial void VersionRegistered(ILogger logger, string model, int version, string sha256, long size);

    [LoggerMessage(1002, LogLevel.Information, "Alias {Alias} of model {Model} now points at version {Version}")]
    public static partial void AliasSet(ILogger logger, string model, string alias, int version);

    [LoggerMessage(1003, LogLevel.Error, "Artifact of model {Model} version {Version} is corrupt: expected sha256 {Expected}, found {Actual}")]
    public static partial void ArtifactCorrupt(ILogger logger, string model, int version, string expected, string actual);

    [LoggerMessage(1004, LogLevel.Warning, "Could not clean up the failed registration of model {Model} version {Version}; it stays Pending and is never served")]
    public static partial void AbandonFailed(ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(1005, LogLevel.Information, "Deleted version {Version} of model {Model} (a tombstone keeps its number)")]
    public static partial void VersionDeleted(ILogger logger, string model, int version);

    [LoggerMessage(1006, LogLevel.Information, "Deleted model {Model} (tombstones keep its numbers)")]
    public static partial void ModelDeleted(ILogger logger, string model);

    [LoggerMessage(1007, LogLevel.Warning, "Recovered version {Version} of model {Model}: its registration died with its files complete, so it is finished")]
    public static partial void PendingFinished(ILogger logger, string model, int version);

    [LoggerMessage(1008, LogLevel.Information, "Gave back number {Version} of model {Model}: its registration did not finish")]
    public static partial void NumberReleased(ILogger logger, string model, int version);

    [LoggerMessage(1009, LogLevel.Information, "Deleted files of model {Model} version {Version} that no version record owns")]
    public static partial void OrphanFilesDeleted(ILogger logger, string model, int version);

    [LoggerMessage(1101, LogLevel.Information, "Loaded model {Model} version {Version} in {ElapsedMs} ms ({SizeBytes} bytes; cache holds {CacheBytes} bytes)")]
    public static partial void ModelLoaded(ILogger logger, string model, int version, long elapsedMs, long sizeBytes, long cacheBytes);

    [LoggerMessage(1102, LogLevel.Information, "Evicted model {Model} version {Version} from the cache ({SizeBytes} bytes)")]
    public static partial void ModelEvicted(ILogger logger, string model, int version, long sizeBytes);

    [LoggerMessage(1103, LogLevel.Warning, "Warm-up of model {Model} version {Version} failed; it will serve without")]
    public static partial void WarmUpFailed(ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(1104, LogLevel.Warning, "Refreshing the champion of model {Model} failed; serving the version resolved before")]
    public static partial void AliasRefreshFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(1105, LogLevel.Warning, "Refreshing the serving settings of model {Model} failed; using those read before")]
    public static partial void ServingSettingsRefreshFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(1106, LogLevel.Warning, "Batching stopped for model {Model} version {Version}: output {Output} of a batched run did not have one row per input row, so it cannot be split back")]
    public static partial void BatchingStopped(ILogger logger, string model, int version, string output);

    [LoggerMessage(1107, LogLevel.Debug, "A batched run of model {Model} version {Version} ({Requests} requests) failed; running them one by one")]
    public static partial void BatchFailed(ILogger logger, string model, int version, int requests, Exception exception);

    [LoggerMessage(1108, LogLevel.Error, "The batch dispatcher of model {Model} version {Version} failed")]
    public static partial void BatchDispatchFailed(ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(9001, LogLevel.Information, "Drift check: {Drifted} of {Checked} columns drifted (share {Share}, threshold {DriftShare}); dataset drift {DatasetDrift}; {Issues} columns with data-quality issues")]
    public static partial void DriftChecked(ILogger logger, int drifted, int @checked, double share, double driftShare, bool datasetDrift, int issues);

    [LoggerMessage(9002, LogLevel.Warning, "Column {Column} was not checked for drift: {Reason}")]
    public static partial void DriftColumnSkipped(ILogger logger, string column, string reason);

    [LoggerMessage(1200, LogLevel.Information, "Traffic of model {Model} is now {Policy} (by {ChangedBy}: {Reason})")]
    public static partial void TrafficChanged(ILogger logger, string model, string policy, string changedBy, string reason);

    [LoggerMessage(1201, LogLevel.Warning, "Could not read the traffic policy of model {Model}; routing with the last one read")]
    public static partial void TrafficRefreshFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(1202, LogLevel.Warning, "Mirrored request to model {Model} version {Version} failed")]
    public static partial void MirrorFailed(ILogger logger, string model, int version, Exception exception);

    [LoggerMessage(1203, LogLevel.Warning, "Inference observer {Observer} failed on a request to model {Model}; the request was answered")]
    public static partial void ObserverFailed(ILogger logger, string observer, string model, Exception exception);
}
