using Azure.Storage.Blobs;
using ModelOps.Registry;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Registry;

/// <summary>
/// <see cref="IModelArtifactStore"/> on Blob storage: <c>models/{model}/{version}/model.onnx</c> with its SHA-256 in the
/// blob's metadata, and <c>card.json</c> beside it.
/// </summary>
public sealed class BlobModelArtifactStore : IModelArtifactStore
{
    private const string ModelFile = "model.onnx";
    private const string CardFile = "card.json";
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;

    public BlobModelArtifactStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.ModelsContainer);
    }

    public async Task WriteAsync(string model, int version, ReadOnlyMemory<byte> onnx, string sha256, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["sha256"] = sha256 };
        await BlobFiles.WriteAsync(Blob(model, version, ModelFile), onnx, "application/octet-stream", metadata, cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteCardAsync(string model, int version, ReadOnlyMemory<byte> cardJson, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlobFiles.WriteAsync(Blob(model, version, CardFile), cardJson, "application/json", null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Stream?> OpenAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.OpenReadAsync(Blob(model, version, ModelFile), cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Blob(model, version, ModelFile).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await Blob(model, version, CardFile).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private BlobClient Blob(string model, int version, string file) =>
        _container.GetBlobClient(FormattableString.Invariant($"{model}/{version}/{file}"));
}
