using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Settings;

/// <summary>What a drifted or degraded check leads to, with limits on how often it may start retraining.</summary>
public sealed record RetrainPolicy
{
    /// <summary><c>off</c>: the report only; <c>alert</c> (default): alerts; <c>retrain</c>: alerts and a retraining run.</summary>
    public RetrainMode Mode { get; init; } = RetrainMode.Alert;

    /// <summary>The least time between two runs started by monitoring. Default 6 hours.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The most runs monitoring starts per UTC day. Default 2.</summary>
    [Range(0, 100)]
    public int DailyCap { get; init; } = 2;
}
