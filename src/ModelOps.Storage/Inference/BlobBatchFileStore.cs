using System.Runtime.CompilerServices;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ModelOps.Errors;
using ModelOps.Inference.Jobs;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Inference;

/// <summary>
/// <see cref="IBatchFileStore"/> on Blob storage. Inputs are read by HTTP ranges pinned to the listed ETag. An output's
/// parts are the staged blocks of its block blob (block id = the part key), and composing commits the block list: a
/// part written again replaces its block, nothing is visible before the commit, and the commit swaps the whole blob at
/// once, so the output holds each part exactly once however often parts were written.
/// </summary>
public sealed class BlobBatchFileStore : IBatchFileStore
{
    private readonly StorageAccount _account;

    public BlobBatchFileStore(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
    }

    public async IAsyncEnumerable<BatchFile> ListAsync(BlobPath folder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var container = Container(folder.Container);
        var items = container.GetBlobsAsync(new GetBlobsOptions { Prefix = folder.Name.Length == 0 ? null : folder.Name }, cancellationToken);
        await foreach (var item in items.ConfigureAwait(false))
        {
            if (!item.Name.EndsWith('/'))
            {
                yield return new BatchFile(new BlobPath(folder.Container, item.Name), item.Properties.ContentLength ?? 0, item.Properties.ETag?.ToString("H") ?? string.Empty);
            }
        }
    }

    public async Task<Stream> OpenReadAsync(BatchFile file, long offset, long? length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await Blob(file.Path).DownloadStreamingAsync(
                new BlobDownloadOptions
                {
                    Range = new HttpRange(offset, length),
                    Conditions = new BlobRequestConditions { IfMatch = new ETag(file.ETag) },
                },
                cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            throw new ModelOpsException(ErrorKind.Conflict, $"The input file '{file.Path}' changed or was removed while the job read it.", exception);
        }
    }

    public async Task WritePartAsync(BlobPath target, string partKey, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        await BlockBlob(target).StageBlockAsync(BlockId(partKey), stream, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task ComposeAsync(BlobPath target, IReadOnlyList<string> partKeys, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(partKeys);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlockBlob(target).CommitBlockListAsync(
            partKeys.Select(BlockId),
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken).ConfigureAwait(false);
    }

    public async Task WriteAsync(BlobPath path, ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await BlobFiles.WriteAsync(Blob(path), content, contentType, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]?> ReadAsync(BlobPath path, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await BlobFiles.ReadAsync(Blob(path), cancellationToken).ConfigureAwait(false);
    }

    private static string BlockId(string partKey) => Convert.ToBase64String(Encoding.ASCII.GetBytes(partKey));

    private BlobContainerClient Container(string name) => _account.Blobs.GetBlobContainerClient(_account.Names.ContainerFor(name));

    private BlobClient Blob(BlobPath path) => Container(path.Container).GetBlobClient(path.Name);

    private BlockBlobClient BlockBlob(BlobPath path) => Container(path.Container).GetBlockBlobClient(path.Name);
}
