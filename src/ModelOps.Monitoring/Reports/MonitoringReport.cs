using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Quality;

namespace ModelOps.Monitoring.Reports;

/// <summary>
/// A check's report (<c>GET /api/models/{model}/monitoring/{id}</c>): the drift statistics of the window against the
/// version's reference (the core's <see cref="DriftReport"/>, flattened), data quality, live quality when labels were
/// joined, and what the check led to (alerts, a retraining run).
/// </summary>
public sealed record MonitoringReport
{
    public required string Id { get; init; }

    public required string Model { get; init; }

    /// <summary>The version checked (the champion when the check started, unless one was named).</summary>
    public int? Version { get; init; }

    public required ReportWindow Window { get; init; }

    /// <summary><c>schedule</c> or <c>manual</c>.</summary>
    public required string Trigger { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary><c>completed</c>; <c>noReference</c> (the version has no baseline to compare with: registered by hand); <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>The baseline file compared with: <c>reference.json</c>, or <c>statistics.json</c> (older versions; sketch-based, approximate).</summary>
    public string? Reference { get; init; }

    public long ReferenceRows { get; init; }

    public long CurrentRows { get; init; }

    public IReadOnlyList<ColumnDrift> Columns { get; init; } = [];

    public int DriftedColumns { get; init; }

    public double DriftedShare { get; init; }

    public double DriftShareThreshold { get; init; }

    public bool DatasetDrift { get; init; }

    public DataQualityReport? DataQuality { get; init; }

    /// <summary>Live quality, when feedback labels were joined to the window's predictions.</summary>
    public LiveQualityReport? Quality { get; init; }

    /// <summary>The labels considered and how many were joined.</summary>
    public FeedbackSummary? Feedback { get; init; }

    /// <summary>The ids of the alerts this check raised.</summary>
    public IReadOnlyList<string> Alerts { get; init; } = [];

    public RetrainingOutcome? Retraining { get; init; }

    /// <summary>Why the check has no statistics (no reference, a failure), in words.</summary>
    public string? Note { get; init; }

    /// <summary>The report's line in the list.</summary>
    public ReportSummary ToSummary() => new()
    {
        Id = Id,
        Model = Model,
        Version = Version,
        Window = Window,
        Trigger = Trigger,
        CreatedAt = CreatedAt,
        Status = Status,
        CurrentRows = CurrentRows,
        DriftedShare = DriftedShare,
        DatasetDrift = DatasetDrift,
        Degraded = Quality?.Degraded ?? false,
    };
}
