namespace ModelOps.Retraining;

/// <summary>The names of the files a retraining run writes (and of a version's baseline files).</summary>
public static class RetrainingFiles
{
    public const string Schema = "schema.json";
    public const string Statistics = "statistics.json";

    /// <summary>The training data's profile (DatasetSketch over the rows trained on): the reference monitoring compares traffic with.</summary>
    public const string Reference = "reference.json";
    public const string Validation = "validation.json";
    public const string Evaluation = "evaluation.json";
    public const string Candidate = "candidate.onnx";
    public const string Training = "training.json";
}
