using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Quality;

/// <summary>When a column's data-quality signals count as an issue in a report.</summary>
public sealed record DataQualitySettings
{
    /// <summary>How far a column's null rate may rise above its rate in training before it is an issue. Default 0.1 (10 points).</summary>
    [Range(0.0, 1.0)]
    public double MaxNullRateIncrease { get; init; } = 0.1;

    /// <summary>The largest share of rows with a value of the wrong type that is not an issue. Default 0 (any is).</summary>
    [Range(0.0, 1.0)]
    public double MaxTypeErrorRate { get; init; }

    /// <summary>The largest share of present values outside the training range or domain that is not an issue. Default 0.05.</summary>
    [Range(0.0, 1.0)]
    public double MaxOutOfRangeRate { get; init; } = 0.05;
}
