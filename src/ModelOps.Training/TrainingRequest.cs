namespace ModelOps.Training;

/// <summary>What to learn: the label column, the task, the feature columns (null = every other column) and hyper-parameters.</summary>
public sealed record TrainingRequest(string Label, TrainingTask Task)
{
    public IReadOnlyList<string>? Features { get; init; }

    public TrainingParameters Parameters { get; init; } = TrainingParameters.Empty;
}
