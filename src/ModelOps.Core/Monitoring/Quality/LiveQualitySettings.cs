using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Quality;

/// <summary>When live quality (from labels joined to past predictions) counts as degraded.</summary>
public sealed record LiveQualitySettings
{
    /// <summary>The metric compared with training (a <see cref="Evaluation.MetricNames"/> name); null (default): auc for
    /// classification, rmse for regression.</summary>
    public string? Metric { get; init; }

    /// <summary>How much worse than in training the metric may get before it is a degradation (in the metric's units,
    /// either direction as the metric defines better). Default 0.05.</summary>
    [Range(0.0, double.MaxValue)]
    public double MaxDrop { get; init; } = 0.05;

    /// <summary>Fewer joined labels than this are reported but never judged. Default 30.</summary>
    [Range(1, int.MaxValue)]
    public int MinRows { get; init; } = 30;
}
