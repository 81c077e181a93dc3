using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Capture;

namespace ModelOps.Monitoring;

/// <summary>Host-wide monitoring settings (section <c>ModelOps:Monitoring</c>); per-model settings live in storage.</summary>
public sealed class MonitoringOptions
{
    /// <summary>Whether this host runs due checks on its own timer (the local host; on Azure a timer function calls
    /// <see cref="Checks.MonitoringService.RunDueChecksAsync"/>). Default true.</summary>
    public bool EnableSchedules { get; set; } = true;

    /// <summary>How often the timer looks for due checks. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>POST .../monitoring/run</c> waits for the check before answering 202. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RequestBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a model's capture share is used before it is read again. Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettingsRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far back a check looks for feedback labels of its window's predictions, after the window's start. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan FeedbackLookback { get; set; } = TimeSpan.FromDays(30);

    [ValidateObjectMembers]
    public CaptureOptions Capture { get; set; } = new();

    [ValidateObjectMembers]
    public WebhookOptions Webhooks { get; set; } = new();
}
