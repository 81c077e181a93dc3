using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Alerts;

/// <summary>How alerts are delivered to webhooks (section <c>ModelOps:Monitoring:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Retries after a failed attempt (a network error, a timeout, 408, 429 or 5xx). Default 3.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter). Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take. Default 5 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
