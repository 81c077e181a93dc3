namespace ModelOps.Registry;

/// <summary>What a caller may say about a version when registering it.</summary>
public sealed record ModelRegistration
{
    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    public string? Source { get; init; }

    public ApprovalStatus? ApprovalStatus { get; init; }

    /// <summary>Why it is registered with that approval status.</summary>
    public string? ApprovalReason { get; init; }

    /// <summary>Who registers the version (see <see cref="ModelVersion.RegisteredBy"/>).</summary>
    public string? RegisteredBy { get; init; }
}
