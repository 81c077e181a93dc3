namespace ModelOps.Monitoring.Quality;

/// <summary>
/// One column's data-quality signals over a window: shares of rows with no value and with a value of the wrong type,
/// and of present values outside the training range or domain, with the null rate seen in training for comparison.
/// </summary>
public sealed record ColumnQuality
{
    public required string Name { get; init; }

    public required double NullRate { get; init; }

    /// <summary>The null rate in training (the schema's missing rate), when known.</summary>
    public double? ReferenceNullRate { get; init; }

    public required double TypeErrorRate { get; init; }

    public required double OutOfRangeRate { get; init; }

    /// <summary>What exceeded the settings' limits, in words; empty when nothing did.</summary>
    public required IReadOnlyList<string> Issues { get; init; }
}
