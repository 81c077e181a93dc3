using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>
/// What one column is expected to look like. <see cref="Min"/>/<see cref="Max"/> are set for numeric columns;
/// <see cref="Domain"/> lists a categorical column's values (sorted ordinally) when it had at most the domain cap of
/// distinct values, and is null otherwise (an open domain: unseen values are not checked).
/// </summary>
public sealed record ColumnSchema
{
    public required string Name { get; init; }

    public required ColumnKind Type { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public IReadOnlyList<string>? Domain { get; init; }

    /// <summary>The share of rows in which the value was missing when the schema was inferred.</summary>
    public double MissingRate { get; init; }

    /// <summary>Whether the column must be present (features and label): its absence is a blocking anomaly.</summary>
    public bool Required { get; init; }
}
