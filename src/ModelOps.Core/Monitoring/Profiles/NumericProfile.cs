using ModelOps.Monitoring.Sketches;

namespace ModelOps.Monitoring.Profiles;

/// <summary>
/// A numeric column's present values: exact moments and extremes, a KLL <see cref="Sketch"/> (always), the exact
/// distinct <see cref="Values"/> with counts while there are at most <see cref="SketchOptions.ExactCap"/> of them, and for
/// a current window the exact counts <see cref="Anchored"/> around the reference's distinct values.
/// </summary>
public sealed record NumericProfile
{
    public required double Mean { get; init; }

    /// <summary>Population standard deviation (divides by n).</summary>
    public required double Std { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public required QuantileSketch Sketch { get; init; }

    /// <summary>Every distinct value with its count, ascending; null once the column had more than the cap.</summary>
    public IReadOnlyList<ValueCount>? Values { get; init; }

    /// <summary>Counts around the reference's values (current windows only; null otherwise).</summary>
    public AnchoredCounts? Anchored { get; init; }
}
