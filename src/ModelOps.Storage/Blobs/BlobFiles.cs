using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ModelOps.Storage.Blobs;

/// <summary>The few blob operations the stores share: write a whole blob, read one (null when missing), delete if present.</summary>
internal static class BlobFiles
{
    public static Task<Response<BlobContentInfo>> WriteAsync(
        BlobClient blob,
        ReadOnlyMemory<byte> content,
        string contentType,
        IDictionary<string, string>? metadata,
        CancellationToken cancellationToken) =>
        blob.UploadAsync(
            BinaryData.FromBytes(content),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Metadata = metadata },
            cancellationToken);

    public static async Task<byte[]?> ReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            var response = await blob.DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }

    public static async Task<Stream?> OpenReadAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            // A streaming download: the content arrives as it is read, and a broken connection resumes at its offset.
            var response = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException exception) when (exception.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            return null;
        }
    }
}
