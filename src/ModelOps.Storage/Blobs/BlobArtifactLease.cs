using Microsoft.Extensions.Logging;

namespace ModelOps.Storage.Blobs;

/// <summary>A held blob lease. Releasing is idempotent; releasing a lease that was already lost only logs a warning.</summary>
internal sealed class BlobArtifactLease(BlobServiceClient client, string container, string name, string leaseId, ILogger logger)
    : ArtifactLease
{
    private int _released;

    public override string LeaseId => leaseId;

    public override Task RenewAsync(CancellationToken cancellationToken = default) =>
        client.RenewLeaseAsync(container, name, leaseId, cancellationToken);

    public override async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _released, 1) == 1)
        {
            return;
        }

        try
        {
            await client.ReleaseLeaseAsync(container, name, leaseId, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException ex) when (ex.Conflict is StorageConflict.LeaseMismatch or StorageConflict.NotFound)
        {
            // The lease expired and someone else took it, or the blob is gone: either way we no longer hold it.
            Log.LeaseAlreadyLost(logger, leaseId, container, name, ex);
        }
    }
}
