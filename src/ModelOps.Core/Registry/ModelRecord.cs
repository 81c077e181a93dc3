namespace ModelOps.Registry;

/// <summary>A model's own record in the registry store.</summary>
/// <param name="Name">The model name.</param>
/// <param name="LastNumber">The highest version number ever reserved (the counter new versions continue from).</param>
/// <param name="RequireApproval">Whether a version must be Approved before it becomes champion or takes traffic.</param>
/// <param name="Deleted">True once the model was deleted; the record stays so its numbers are never reused.</param>
/// <param name="CreatedAt">When the first version was reserved.</param>
/// <param name="UpdatedAt">When the record last changed.</param>
/// <param name="ETag">The record's concurrency token.</param>
public sealed record ModelRecord(
    string Name,
    int LastNumber,
    bool RequireApproval,
    bool Deleted,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag);
