using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using ModelOps.Monitoring.Capture;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Monitoring;

/// <summary><see cref="ICaptureStore"/> on Blob storage: <c>captures/{model}/{version}/yyyy/MM/dd/HH/{part}.parquet</c>.</summary>
public sealed class BlobCaptureStore : ICaptureStore
{
    private const string Extension = ".parquet";
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;

    public BlobCaptureStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.CapturesContainer);
    }

    public async Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlobFiles.WriteAsync(_container.GetBlobClient(Path(file)), content, "application/vnd.apache.parquet", null, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var prefix = HourPrefix(model, version, hour);
        await foreach (var blob in _container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            if (blob.Name.EndsWith(Extension, StringComparison.Ordinal))
            {
                yield return new CaptureFile(model, version, hour, blob.Name[prefix.Length..^Extension.Length]);
            }
        }
    }

    public async Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(_container.GetBlobClient(Path(file)), cancellationToken).ConfigureAwait(false);
    }

    private static string Path(CaptureFile file) => HourPrefix(file.Model, file.Version, file.Hour) + file.Part + Extension;

    private static string HourPrefix(string model, int version, DateTimeOffset hour) =>
        string.Create(CultureInfo.InvariantCulture, $"{model}/{version}/{hour.UtcDateTime:yyyy/MM/dd/HH}/");
}
