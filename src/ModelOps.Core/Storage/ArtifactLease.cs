namespace ModelOps.Storage;

/// <summary>A held blob lease. Dispose releases it; <see cref="RenewAsync"/> keeps it.</summary>
public abstract class ArtifactLease : IAsyncDisposable
{
    public abstract string LeaseId { get; }

    public abstract Task RenewAsync(CancellationToken cancellationToken = default);

    public abstract Task ReleaseAsync(CancellationToken cancellationToken = default);

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
