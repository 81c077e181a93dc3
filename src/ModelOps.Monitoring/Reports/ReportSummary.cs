using ModelOps.Monitoring.Drift;

namespace ModelOps.Monitoring.Reports;

/// <summary>A report's line in <c>GET /api/models/{model}/monitoring</c>; <see cref="Status"/> <c>running</c> while the check runs.</summary>
public sealed record ReportSummary
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    public int? Version { get; init; }

    public required ReportWindow Window { get; init; }

    public required string Trigger { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Status { get; init; }

    public long CurrentRows { get; init; }

    public double DriftedShare { get; init; }

    public bool DatasetDrift { get; init; }

    public bool Degraded { get; init; }
}
