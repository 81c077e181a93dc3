using ModelOps.Monitoring.Sketches;

namespace ModelOps.Training.Validation;

/// <summary>Statistics of a numeric column's present values: moments, a quantile sketch and a fixed-bin histogram.</summary>
public sealed record NumericStatistics
{
    public required double Mean { get; init; }

    /// <summary>Population standard deviation (divides by n).</summary>
    public required double Std { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required QuantileSketch Sketch { get; init; }

    public required Histogram Histogram { get; init; }
}
