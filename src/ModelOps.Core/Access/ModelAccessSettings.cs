namespace ModelOps.Access;

/// <summary>A model's access rules. Kept in the access store beside role assignments; a model without a record has the defaults.</summary>
public sealed record ModelAccessSettings
{
    public required string Model { get; init; }

    /// <summary>
    /// Four-eyes approval: a version may be approved or rejected only by a principal other than the one that
    /// registered it. Default false.
    /// </summary>
    public bool FourEyes { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? UpdatedBy { get; init; }

    public string? ETag { get; init; }
}
