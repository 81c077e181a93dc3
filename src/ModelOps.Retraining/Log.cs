using Microsoft.Extensions.Logging;

namespace ModelOps.Retraining;

/// <summary>Every log message of retraining, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Warning, "Data validation of model {Model} run {RunId} failed: {Problem}")]
    public static partial void ValidationFailed(ILogger logger, string model, string runId, string problem);

    [LoggerMessage(5002, LogLevel.Information, "Run {RunId} trained a {Trainer} candidate for model {Model} in {ElapsedMs} ms")]
    public static partial void CandidateTrained(ILogger logger, string model, string runId, string trainer, long elapsedMs);

    [LoggerMessage(5003, LogLevel.Information, "Run {RunId} of model {Model}: {Outcome} ({Reason})")]
    public static partial void Decided(ILogger logger, string model, string runId, string outcome, string reason);

    [LoggerMessage(5004, LogLevel.Information, "Run {RunId} registered model {Model} version {Version}")]
    public static partial void Registered(ILogger logger, string model, string runId, int version);

    [LoggerMessage(5005, LogLevel.Information, "Run {RunId} made version {Version} champion of model {Model}")]
    public static partial void Promoted(ILogger logger, string model, string runId, int version);

    [LoggerMessage(5006, LogLevel.Information, "Started run {RunId} of model {Model} (trigger {Trigger}, data {DataUri})")]
    public static partial void RunStarted(ILogger logger, string model, string runId, string trigger, string dataUri);

    [LoggerMessage(5007, LogLevel.Warning, "The retraining trigger {Trigger} failed; it tries again")]
    public static partial void TriggerFailed(ILogger logger, string trigger, Exception exception);

    [LoggerMessage(5008, LogLevel.Debug, "Training data {File} of model {Model} has no training configuration yet; it waits")]
    public static partial void DataWaitsForConfiguration(ILogger logger, string model, string file);

    [LoggerMessage(5009, LogLevel.Warning, "External trainer of run {RunId} {Outcome}")]
    public static partial void ExternalTrainerFailed(ILogger logger, string runId, string outcome);

    [LoggerMessage(5500, LogLevel.Warning, "Could not write this host's live version numbers; rollouts read the last ones written")]
    public static partial void LiveNumbersFlushFailed(ILogger logger, Exception exception);
}
