namespace ModelOps.Storage;

/// <summary>Options for <see cref="IArtifactStore.UploadAsync"/>.</summary>
public sealed record ArtifactUploadOptions
{
    public string? ContentType { get; init; }

    /// <summary>Only write if the blob's current ETag is this one.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Only write if the blob does not exist yet (If-None-Match: *).</summary>
    public bool OnlyIfAbsent { get; init; }

    /// <summary>User metadata stored with the blob (names must be valid C# identifiers).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>A lease held on the blob, required when one is.</summary>
    public string? LeaseId { get; init; }
}
