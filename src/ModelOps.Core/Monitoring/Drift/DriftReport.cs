using ModelOps.Monitoring.Quality;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// The result of a drift check, shaped as the monitoring API returns it:
/// <c>{"id","model","version","window":{"from","to"},"referenceRows","currentRows","columns":[...],"driftedShare","datasetDrift","dataQuality":{...},"quality":{...}}</c>.
/// <see cref="DriftAnalyzer"/> fills the statistics; the service that runs a check sets <see cref="Id"/>, <see cref="Model"/>,
/// <see cref="Version"/>, <see cref="Window"/> and, when labels arrived, <see cref="Quality"/> (with <c>with</c>).
/// </summary>
public sealed record DriftReport
{
    public string? Id { get; init; }

    public string? Model { get; init; }

    public int? Version { get; init; }

    public ReportWindow? Window { get; init; }

    public required long ReferenceRows { get; init; }

    public required long CurrentRows { get; init; }

    public required IReadOnlyList<ColumnDrift> Columns { get; init; }

    /// <summary>Drifted columns among those checked (skipped ones excluded).</summary>
    public required int DriftedColumns { get; init; }

    /// <summary>Drifted columns over checked columns (0 when none was checked).</summary>
    public required double DriftedShare { get; init; }

    /// <summary>The share at which the dataset drifts (the settings' drift share).</summary>
    public required double DriftShareThreshold { get; init; }

    /// <summary>Whether <see cref="DriftedShare"/> reached <see cref="DriftShareThreshold"/> (with at least one column checked).</summary>
    public required bool DatasetDrift { get; init; }

    public required DataQualityReport DataQuality { get; init; }

    public LiveQualityReport? Quality { get; init; }
}
