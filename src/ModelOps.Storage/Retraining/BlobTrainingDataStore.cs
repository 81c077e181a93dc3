using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelOps.Retraining;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Retraining;

/// <summary><see cref="ITrainingDataStore"/> on Blob storage: <c>training-data/{model}/{name}</c>.</summary>
public sealed class BlobTrainingDataStore : ITrainingDataStore
{
    private readonly StorageAccount _account;
    private readonly BlobContainerClient _container;

    public BlobTrainingDataStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _container = account.Blobs.GetBlobContainerClient(account.Names.TrainingDataContainer);
    }

    public async Task<TrainingDataFile> UploadAsync(string model, string name, Stream content, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = Blob(model, name);
        var response = await blob.UploadAsync(content, new BlobUploadOptions { HttpHeaders = CsvHeaders }, cancellationToken).ConfigureAwait(false);
        return await PropertiesAsync(model, name, blob, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The training data '{blob.Name}' was written (ETag {response.Value.ETag}) but is gone.");
    }

    public async Task<TrainingDataFile?> UploadIfAbsentAsync(string model, string name, Stream content, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var blob = Blob(model, name);
        try
        {
            await blob.UploadAsync(
                content,
                new BlobUploadOptions { HttpHeaders = CsvHeaders, Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobAlreadyExists || exception.Status == 409)
        {
            return null;
        }

        return await PropertiesAsync(model, name, blob, cancellationToken).ConfigureAwait(false);
    }

    public async Task<TrainingDataFile?> GetAsync(string model, string name, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await PropertiesAsync(model, name, Blob(model, name), cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<TrainingDataFile> ListAsync(string? model, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = model is null ? null : $"{model}/" }, cancellationToken).ConfigureAwait(false))
        {
            // Only {model}/{name}: blobs at the top or in deeper folders are no model's training data.
            var parts = item.Name.Split('/');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0)
            {
                yield return File(parts[0], parts[1], item.Properties.ETag?.ToString("H") ?? string.Empty, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? default);
            }
        }
    }

    public async Task<Stream?> OpenReadAsync(string model, string name, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.OpenReadAsync(Blob(model, name), cancellationToken).ConfigureAwait(false);
    }

    private static BlobHttpHeaders CsvHeaders => new() { ContentType = "text/csv" };

    private BlobClient Blob(string model, string name) => _container.GetBlobClient($"{model}/{name}");

    private async Task<TrainingDataFile?> PropertiesAsync(string model, string name, BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return File(model, name, properties.ETag.ToString("H"), properties.ContentLength, properties.LastModified);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    private TrainingDataFile File(string model, string name, string etag, long size, DateTimeOffset lastModified) =>
        new(model, name, etag, size, lastModified, $"{_container.Name}/{model}/{name}");
}
