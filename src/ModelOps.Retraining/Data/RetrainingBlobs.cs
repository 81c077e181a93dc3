using System.Globalization;

namespace ModelOps.Retraining;

/// <summary>Blob names of retraining (container-relative).</summary>
internal static class RetrainingBlobs
{
    public static string DataPrefix(string model) => $"{model}/";

    public static string Report(string model, string runId, string file) => $"{model}/{runId}/{file}";

    public static string Baseline(string model, int version, string file) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/{file}");

    public const string SchemaFile = "schema.json";
    public const string StatisticsFile = "statistics.json";
    public const string ValidationFile = "validation.json";
    public const string EvaluationFile = "evaluation.json";
    public const string CandidateFile = "candidate.onnx";
    public const string TrainingFile = "training.json";
}
