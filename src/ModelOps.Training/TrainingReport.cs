namespace ModelOps.Training;

/// <summary>What happened during training: warnings (dropped columns), iterations run and wall time.</summary>
public sealed record TrainingReport(IReadOnlyList<string> Warnings, int Iterations, TimeSpan Elapsed)
{
    /// <summary>Validation losses per iteration when early stopping ran (first entry: before any tree).</summary>
    public IReadOnlyList<double> ValidationLoss { get; init; } = [];
}
