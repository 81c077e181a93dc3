namespace ModelOps.Training;

/// <summary>What the caller asks for. Classification becomes binary or multiclass from the label's classes.</summary>
public enum TrainingTask
{
    Classification,
    Regression,
}
