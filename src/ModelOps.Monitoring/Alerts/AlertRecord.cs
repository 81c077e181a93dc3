namespace ModelOps.Monitoring.Alerts;

/// <summary>
/// One alert as the history shows it (<c>GET /api/models/{model}/monitoring/alerts</c>): what it was about, and what
/// became of it: <c>sent</c> (every webhook took it), <c>failed</c> (some did not, after retries), <c>deduplicated</c>
/// (the same alert went out within the de-duplication window) or <c>noWebhooks</c>.
/// </summary>
public sealed record AlertRecord
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public int? Version { get; init; }

    /// <summary><c>drift</c>, <c>degradation</c> or <c>dataQuality</c>.</summary>
    public required string Kind { get; init; }

    public required string ReportId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Message { get; init; }

    public required string Status { get; init; }

    public IReadOnlyList<WebhookDelivery> Deliveries { get; init; } = [];
}
