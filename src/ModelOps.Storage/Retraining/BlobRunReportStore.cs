using Azure.Storage.Blobs;
using ModelOps.Retraining;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Retraining;

/// <summary><see cref="IRunReportStore"/> on Blob storage: <c>reports/{model}/{runId}/{file}</c>.</summary>
public sealed class BlobRunReportStore : IRunReportStore
{
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;

    public BlobRunReportStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.ReportsContainer);
    }

    public async Task<string> WriteAsync(
        string model,
        string runId,
        string file,
        ReadOnlyMemory<byte> content,
        string contentType,
        CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = Blob(model, runId, file);
        await BlobFiles.WriteAsync(blob, content, contentType, null, cancellationToken).ConfigureAwait(false);
        return $"{_container.Name}/{blob.Name}";
    }

    public async Task<byte[]?> ReadAsync(string model, string runId, string file, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(Blob(model, runId, file), cancellationToken).ConfigureAwait(false);
    }

    private BlobClient Blob(string model, string runId, string file) => _container.GetBlobClient($"{model}/{runId}/{file}");
}
