using System.Text.Json;

namespace ModelOps.Retraining;

/// <summary>The model a run trained, stored as a blob until it is registered.</summary>
public sealed record CandidateModel
{
    /// <summary>Blob (in the report container) holding the ONNX file.</summary>
    public required string Blob { get; init; }

    public required string Sha256 { get; init; }

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }

    public required int TrainingRows { get; init; }

    public required int HoldoutRows { get; init; }

    public required long ElapsedMs { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What an external trainer reported in metrics.json: recorded, never used to decide.</summary>
    public IReadOnlyDictionary<string, JsonElement>? ReportedMetrics { get; init; }
}
