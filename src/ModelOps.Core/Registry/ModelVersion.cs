using ModelOps.Runtime;

namespace ModelOps.Registry;

/// <summary>One registered version of a model: its artifact, signature and what is known about it.</summary>
public sealed record ModelVersion
{
    public required string Name { get; init; }

    public required int Version { get; init; }

    /// <summary>Hex SHA-256 of the ONNX file; checked again whenever the model is loaded.</summary>
    public required string Sha256 { get; init; }

    public required long Size { get; init; }

    public required IReadOnlyList<ValueSpec> Inputs { get; init; }

    public required IReadOnlyList<ValueSpec> Outputs { get; init; }

    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Where the model came from: a run id, a URI, a user's note.</summary>
    public string? Source { get; init; }

    /// <summary>The principal that registered the version (a caller id, or <c>retraining:{run}</c>); four-eyes approval compares against it.</summary>
    public string? RegisteredBy { get; init; }

    public ApprovalStatus ApprovalStatus { get; init; } = ApprovalStatus.PendingManualApproval;

    /// <summary>Why the approval status is what it is (e.g. the promotion decision that approved a retrained version).</summary>
    public string? ApprovalReason { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The ONNX model's own metadata (producer, custom properties).</summary>
    public ModelMetadata? ModelMetadata { get; init; }

    /// <summary>Concurrency token of this version's record.</summary>
    public string? ETag { get; init; }
}
