namespace ModelOps.Registry;

/// <summary>A named model: the counter of its versions and the aliases that point into them.</summary>
public sealed record RegisteredModel
{
    public required string Name { get; init; }

    /// <summary>The highest version number handed out so far (0 before the first registration).</summary>
    public required int LatestVersion { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Alias name → version, e.g. <c>champion</c> → 3.</summary>
    public IReadOnlyDictionary<string, int> Aliases { get; init; } = new Dictionary<string, int>();

    public string? ETag { get; init; }
}
