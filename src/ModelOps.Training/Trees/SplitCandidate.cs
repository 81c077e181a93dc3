namespace ModelOps.Training.Trees;

/// <summary>The best split found for a node, with the sums of its left child. A categorical split sends the
/// categories marked in <see cref="LeftCategories"/> (indexed by bin) to the left.</summary>
internal readonly record struct SplitCandidate(
    double Gain,
    int Feature,
    int Bin,
    bool Categorical,
    bool MissingLeft,
    double LeftGradient,
    double LeftHessian,
    int LeftCount,
    bool[]? LeftCategories = null)
{
    public static SplitCandidate None => new(0, -1, 0, false, false, 0, 0, 0);

    public bool IsValid => Feature >= 0;
}
