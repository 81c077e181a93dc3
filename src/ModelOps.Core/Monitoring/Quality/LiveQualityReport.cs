using ModelOps.Evaluation;

namespace ModelOps.Monitoring.Quality;

/// <summary>
/// Live quality over a window: the metrics of the predictions whose labels arrived, the version's training metrics,
/// and whether the judged metric got worse than allowed.
/// </summary>
public sealed record LiveQualityReport
{
    /// <summary>Predictions with a joined label.</summary>
    public required int Rows { get; init; }

    public required MetricSet Metrics { get; init; }

    public MetricSet? Training { get; init; }

    /// <summary>The metric judged.</summary>
    public required string Metric { get; init; }

    /// <summary>How much worse than in training (positive: worse), when both are defined.</summary>
    public double? Drop { get; init; }

    public required bool Degraded { get; init; }

    /// <summary>Why the window was or was not judged degraded, in words.</summary>
    public required string Reason { get; init; }
}
