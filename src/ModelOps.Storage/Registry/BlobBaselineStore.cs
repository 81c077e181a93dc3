using Azure.Storage.Blobs;
using ModelOps.Registry;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Registry;

/// <summary><see cref="IBaselineStore"/> on Blob storage: <c>baselines/{model}/{version}/{file}</c>.</summary>
public sealed class BlobBaselineStore : IBaselineStore
{
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;

    public BlobBaselineStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.BaselinesContainer);
    }

    public async Task WriteAsync(string model, int version, string file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlobFiles.WriteAsync(Blob(model, version, file), content, "application/json", null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> ReadAsync(string model, int version, string file, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(Blob(model, version, file), cancellationToken).ConfigureAwait(false);
    }

    private BlobClient Blob(string model, int version, string file) =>
        _container.GetBlobClient(FormattableString.Invariant($"{model}/{version}/{file}"));
}
