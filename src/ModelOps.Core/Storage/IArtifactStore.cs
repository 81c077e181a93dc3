namespace ModelOps.Storage;

/// <summary>The port to blob storage: containers of named, versioned (ETag) binary artifacts.</summary>
public interface IArtifactStore
{
    /// <summary>Creates the container if it does not exist.</summary>
    Task EnsureContainerAsync(string container, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a blob from <paramref name="content"/> (read to its end; large content goes up in blocks).
    /// Throws <see cref="StorageConflictException"/> when a condition in <paramref name="options"/> fails.
    /// </summary>
    Task<ArtifactInfo> UploadAsync(
        string container,
        string name,
        Stream content,
        ArtifactUploadOptions? options = null,
        CancellationToken cancellationToken = default);

    /// <summary>Opens a blob for reading; null when it does not exist. The caller disposes the result.</summary>
    Task<ArtifactDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>A blob's properties; null when it does not exist.</summary>
    Task<ArtifactInfo?> GetInfoAsync(string container, string name, CancellationToken cancellationToken = default);

    /// <summary>Every blob whose name starts with <paramref name="prefix"/>, in name order, page by page underneath.</summary>
    IAsyncEnumerable<ArtifactInfo> ListAsync(string container, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a blob; false when it did not exist. With <paramref name="ifMatch"/>, only that version.</summary>
    Task<bool> DeleteAsync(string container, string name, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes a lease on a blob (<paramref name="duration"/> 15–60 s, or null for infinite); null when another holder has it.
    /// </summary>
    Task<ArtifactLease?> TryAcquireLeaseAsync(
        string container,
        string name,
        TimeSpan? duration,
        CancellationToken cancellationToken = default);
}
