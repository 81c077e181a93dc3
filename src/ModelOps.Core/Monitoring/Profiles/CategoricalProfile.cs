namespace ModelOps.Monitoring.Profiles;

/// <summary>
/// A categorical column's frequencies: the tracked values with their exact counts (most frequent first, ties by value
/// ordinally) and an <see cref="OtherCount"/> bucket. Values first seen after <see cref="Sketches.SketchOptions.DistinctCap"/>
/// distinct ones are counted in the other bucket only (<see cref="DistinctCapped"/>). Training's baselines keep only
/// their top 50 here, the rest in the other bucket.
/// </summary>
public sealed record CategoricalProfile
{
    public required IReadOnlyList<CategoryCount> Top { get; init; }

    public required long OtherCount { get; init; }

    /// <summary>Distinct values tracked (exact unless <see cref="DistinctCapped"/>).</summary>
    public required int DistinctCount { get; init; }

    public bool DistinctCapped { get; init; }
}
