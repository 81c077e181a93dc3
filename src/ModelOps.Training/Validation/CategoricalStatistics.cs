namespace ModelOps.Training.Validation;

/// <summary>
/// A categorical column's frequencies: the <c>topK</c> most frequent values (ties by value, ordinally) and an
/// <see cref="OtherCount"/> bucket for the rest. <see cref="DistinctCount"/> is exact unless
/// <see cref="DistinctCapped"/>: past the tracking cap new values are counted in the other bucket only.
/// </summary>
public sealed record CategoricalStatistics
{
    public required IReadOnlyList<CategoryCount> Top { get; init; }

    public required long OtherCount { get; init; }

    public required int DistinctCount { get; init; }

    public bool DistinctCapped { get; init; }
}
