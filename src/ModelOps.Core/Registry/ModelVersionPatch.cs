namespace ModelOps.Registry;

/// <summary>The mutable parts of a version; null leaves a field as it is. Tags replace the whole set.</summary>
public sealed record ModelVersionPatch
{
    public string? Description { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public ApprovalStatus? ApprovalStatus { get; init; }

    /// <summary>Why the approval status changes (recorded with it).</summary>
    public string? ApprovalReason { get; init; }
}
