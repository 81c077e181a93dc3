namespace ModelOps.Storage.Blobs;

/// <summary>One page of a blob listing; a null <see cref="NextMarker"/> means the last page.</summary>
public sealed record BlobListSegment(IReadOnlyList<ArtifactInfo> Blobs, string? NextMarker);
