using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>One column's baseline: counts, and <see cref="Numeric"/> or <see cref="Categorical"/> by type.</summary>
public sealed record ColumnStatistics
{
    public required string Name { get; init; }

    public required ColumnKind Type { get; init; }

    /// <summary>Rows with a present value.</summary>
    public required long Count { get; init; }

    /// <summary>Rows with a missing value.</summary>
    public required long Missing { get; init; }

    public NumericStatistics? Numeric { get; init; }

    public CategoricalStatistics? Categorical { get; init; }
}
