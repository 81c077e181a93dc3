using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
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

    public async Task<byte[]?> ReadCardAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(Blob(model, version, CardFile), cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetRecordedSha256Async(string model, int version, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var properties = await Blob(model, version, ModelFile).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return properties.Value.Metadata.TryGetValue("sha256", out var sha256) ? sha256 : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<(string Model, int Version)> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<(string, int)>();
        await foreach (var blob in _container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // {model}/{version}/{file}: every file of a version names it once here.
            var parts = blob.Name.Split('/');
            if (parts.Length == 3 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version) && seen.Add((parts[0], version)))
            {
                yield return (parts[0], version);
            }
        }
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
