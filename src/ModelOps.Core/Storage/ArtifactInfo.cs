namespace ModelOps.Storage;

/// <summary>A blob's properties.</summary>
public sealed record ArtifactInfo(
    string Container,
    string Name,
    long Length,
    string ETag,
    DateTimeOffset LastModified,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);
