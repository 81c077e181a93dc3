namespace ModelOps.Training.Trees;

/// <summary>The per-tree settings of <see cref="TreeGrower"/>.</summary>
internal sealed record TreeGrowerOptions(int MaxLeafNodes, int MaxDepth, int MinSamplesLeaf, double L2, double LearningRate)
{
    /// <summary>A child needs at least this hessian sum (scikit-learn's min_hessian_to_split).</summary>
    public double MinHessian { get; init; } = 1e-3;
}
