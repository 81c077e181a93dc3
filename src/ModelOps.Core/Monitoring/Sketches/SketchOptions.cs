using System.ComponentModel.DataAnnotations;

namespace ModelOps.Monitoring.Sketches;

/// <summary>How much a column sketch keeps; memory per column is bounded by these whatever the number of rows.</summary>
public sealed record SketchOptions
{
    /// <summary>
    /// A numeric column keeps its distinct values with exact counts while it has at most this many; checks on a column
    /// whose reference and window both stayed under it are exact. Also the most reference values a window counts
    /// around. Default 5000 (about 120 KB per column at most).
    /// </summary>
    [Range(1, 1_000_000)]
    public int ExactCap { get; init; } = 5000;

    /// <summary>A categorical column counts at most this many distinct values exactly; later new values go to "other". Default 1000.</summary>
    [Range(1, 1_000_000)]
    public int DistinctCap { get; init; } = 1000;

    /// <summary>The KLL sketch's k: rank error about 1.65% of n at 200 (99% confidence), scaling as 1/k. Default 200.</summary>
    [Range(8, 65_536)]
    public int QuantileK { get; init; } = QuantileSketch.DefaultK;
}
