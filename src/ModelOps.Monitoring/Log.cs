using Microsoft.Extensions.Logging;

namespace ModelOps.Monitoring;

/// <summary>The monitoring application's log messages, with fixed event ids (9100–9999; the core's analyzer has 9001–9002).</summary>
internal static partial class Log
{
    [LoggerMessage(9101, LogLevel.Debug, "Captured {Rows} rows of model {Model} version {Version} into {Part}")]
    public static partial void CaptureWritten(ILogger logger, string model, int version, int rows, string part);

    [LoggerMessage(9102, LogLevel.Warning, "Could not write {Rows} captured rows of model {Model} version {Version}; they are lost")]
    public static partial void CaptureFailed(ILogger logger, string model, int version, int rows, Exception exception);

    [LoggerMessage(9110, LogLevel.Information, "Monitoring check {Report} of model {Model} version {Version} ({Trigger}): {Status}, {CurrentRows} rows, dataset drift {DatasetDrift}, degraded {Degraded}")]
    public static partial void CheckCompleted(ILogger logger, string report, string model, int? version, string trigger, string status, long currentRows, bool datasetDrift, bool degraded);

    [LoggerMessage(9111, LogLevel.Error, "Monitoring check {Report} of model {Model} failed")]
    public static partial void CheckFailed(ILogger logger, string report, string model, Exception exception);

    [LoggerMessage(9112, LogLevel.Warning, "Could not run the due checks of model {Model}; the next tick tries again")]
    public static partial void DueCheckFailed(ILogger logger, string model, Exception exception);

    [LoggerMessage(9113, LogLevel.Warning, "The monitoring timer failed; it tries again at its next tick")]
    public static partial void TickFailed(ILogger logger, Exception exception);

    [LoggerMessage(9120, LogLevel.Information, "Alert {Alert} ({Kind}) of model {Model}: {Status} to {Deliveries} webhook(s)")]
    public static partial void AlertRaised(ILogger logger, string alert, string kind, string model, string status, int deliveries);

    [LoggerMessage(9121, LogLevel.Warning, "Webhook {Url} of model {Model} failed after {Attempts} attempt(s): {Error}")]
    public static partial void WebhookFailed(ILogger logger, string url, string model, int attempts, string error);

    [LoggerMessage(9130, LogLevel.Information, "Monitoring report {Report} of model {Model} started retraining run {Run} ({Trigger})")]
    public static partial void RetrainStarted(ILogger logger, string report, string model, string run, string trigger);

    [LoggerMessage(9131, LogLevel.Information, "Monitoring report {Report} of model {Model} did not start retraining: {Reason}")]
    public static partial void RetrainSkipped(ILogger logger, string report, string model, string reason);

    [LoggerMessage(9140, LogLevel.Information, "Feedback for model {Model}: {Accepted} label(s) accepted, {Rejected} refused")]
    public static partial void FeedbackReceived(ILogger logger, string model, int accepted, int rejected);
}
