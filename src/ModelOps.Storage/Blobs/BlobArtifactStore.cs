using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelOps.Storage.Blobs;

/// <summary><see cref="IArtifactStore"/> on Blob storage (Azure or Azurite).</summary>
public sealed class BlobArtifactStore(BlobServiceClient client, ILogger<BlobArtifactStore>? logger = null) : IArtifactStore
{
    private readonly ILogger _logger = logger ?? NullLogger<BlobArtifactStore>.Instance;

    /// <summary>Blobs per List Blobs page underneath <see cref="ListAsync"/> (the service's maximum is 5000).</summary>
    public int ListPageSize { get; init; } = 1000;

    public Task EnsureContainerAsync(string container, CancellationToken cancellationToken = default) =>
        client.CreateContainerAsync(container, cancellationToken);

    public async Task<ArtifactInfo> UploadAsync(
        string container,
        string name,
        Stream content,
        ArtifactUploadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var info = await client.UploadAsync(container, name, content, options, cancellationToken).ConfigureAwait(false);
        Log.BlobUploaded(_logger, container, name, info.Length, info.ETag);
        return info;
    }

    public Task<ArtifactDownload?> OpenReadAsync(string container, string name, CancellationToken cancellationToken = default) =>
        client.DownloadAsync(container, name, cancellationToken);

    public Task<ArtifactInfo?> GetInfoAsync(string container, string name, CancellationToken cancellationToken = default) =>
        client.GetPropertiesAsync(container, name, cancellationToken);

    public async IAsyncEnumerable<ArtifactInfo> ListAsync(
        string container,
        string? prefix = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var segment = await client.ListBlobsAsync(container, prefix, marker, ListPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var blob in segment.Blobs)
            {
                yield return blob;
            }

            marker = segment.NextMarker;
        }
        while (marker is not null);
    }

    public Task<bool> DeleteAsync(string container, string name, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        client.DeleteBlobAsync(container, name, ifMatch, cancellationToken);

    public async Task<ArtifactLease?> TryAcquireLeaseAsync(
        string container,
        string name,
        TimeSpan? duration,
        CancellationToken cancellationToken = default)
    {
        var seconds = -1;
        if (duration is { } value)
        {
            if (value < TimeSpan.FromSeconds(15) || value > TimeSpan.FromSeconds(60) || value.TotalSeconds % 1 != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(duration), value, "A blob lease lasts 15 to 60 whole seconds, or is infinite (null).");
            }

            seconds = (int)value.TotalSeconds;
        }

        var leaseId = await client.AcquireLeaseAsync(container, name, seconds, cancellationToken).ConfigureAwait(false);
        if (leaseId is null)
        {
            Log.LeaseHeldElsewhere(_logger, container, name);
            return null;
        }

        return new BlobArtifactLease(client, container, name, leaseId, _logger);
    }
}
