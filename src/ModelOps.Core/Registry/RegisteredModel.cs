namespace ModelOps.Registry;

/// <summary>A named model as the registry shows it: its newest servable version, its aliases and its settings.</summary>
public sealed record RegisteredModel
{
    public required string Name { get; init; }

    /// <summary>The newest version that can be served (Ready); 0 when there is none. Never a pending or deleted number.</summary>
    public required int LatestVersion { get; init; }

    /// <summary>Whether a version must be Approved before it becomes champion or takes traffic.</summary>
    public bool RequireApproval { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Alias name → version, e.g. <c>champion</c> → 3.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; init; } = new Dictionary<string, int>();

    /// <summary>The model record's concurrency token (for <c>If-Match</c> on model settings).</summary>
    public string? ETag { get; init; }
}
