using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using ModelOps.Errors;
using ModelOps.Inference.Jobs;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Inference;

/// <summary>
/// <see cref="IInferenceResultStore"/> on Blob storage: a result is created only where none exists (<c>If-None-Match: *</c>),
/// so a repeated message id never writes twice.
/// </summary>
public sealed class BlobInferenceResultStore : IInferenceResultStore
{
    private readonly StorageAccount _account;

    public BlobInferenceResultStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
    }

    public async Task<bool> TryCreateAsync(BlobPath path, ReadOnlyMemory<byte> document, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Blob(path).UploadAsync(
                BinaryData.FromBytes(document),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobAlreadyExists || exception.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task<byte[]?> ReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(Blob(path), cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> ReadRequestAsync(BlobPath path, long maxBytes, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var stream = await BlobFiles.OpenReadAsync(Blob(path), cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new ModelOpsException(ErrorKind.PayloadTooLarge, $"The request body in '{path}' is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    private BlobClient Blob(BlobPath path) =>
        _account.Blobs.GetBlobContainerClient(_account.Names.ContainerFor(path.Container)).GetBlobClient(path.Name);
}
