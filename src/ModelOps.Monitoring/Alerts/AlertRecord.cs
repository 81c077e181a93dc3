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

    /// <summary><c>drift</c>, <c>degradation</c>, <c>dataQuality</c> or <c>guardrail</c> (a rollout's breach).</summary>
    public required string Kind { get; init; }

    /// <summary>The monitoring report that raised it; null for a rollout's alert.</summary>
    public string? ReportId { get; init; }

    /// <summary>The rollout whose guardrail breach raised it; null for a monitoring report's alert.</summary>
    public string? Rollout { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Message { get; init; }

    public required string Status { get; init; }

    public IReadOnlyList<WebhookDelivery> Deliveries { get; init; } = [];
}
