namespace ModelOps.Monitoring.Alerts;

/// <summary>An alert to raise (<see cref="AlertService.RaiseAsync(AlertEvent, Settings.MonitoringSettings, CancellationToken)"/>).</summary>
/// <param name="Id">The alert's id (stable, so a retried raise rewrites one record).</param>
/// <param name="Model">The model.</param>
/// <param name="Version">The version it is about (de-duplication is per kind and version).</param>
/// <param name="Kind">An <see cref="AlertKinds"/> name.</param>
/// <param name="Message">What happened, in words.</param>
public sealed record AlertEvent(string Id, string Model, int? Version, string Kind, string Message)
{
    /// <summary>The monitoring report behind it, if any.</summary>
    public string? ReportId { get; init; }

    /// <summary>The rollout behind it, if any.</summary>
    public string? Rollout { get; init; }

    /// <summary>Extra fields of the webhook payload (after id, model, version, kind, message).</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}
