using System.Text;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Tests.Connection;

namespace ModelOps.Storage.Tests.Blobs;

/// <summary>A download whose connection breaks mid-body resumes from the byte it reached, pinned to the blob's ETag.</summary>
public sealed class DownloadResumeTests
{
    private const string Head =
        "HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Type: application/octet-stream\r\nETag: \"0x1\"\r\n"
        + "Last-Modified: Sun, 22 Nov 2026 04:00:00 GMT\r\nConnection: close\r\n\r\n";

    [Fact]
    public async Task OpenReadAsync_ConnectionEndsMidBody_ResumesWithRangeAndIfMatch()
    {
        await using var server = new CannedHttpServer(
            Head + "01234",
            "HTTP/1.1 206 Partial Content\r\nContent-Length: 5\r\nContent-Range: bytes 5-9/10\r\nETag: \"0x1\"\r\nConnection: close\r\n\r\n56789");
        var store = CreateStore(server.Port);

        await using var download = await store.OpenReadAsync("c", "model.onnx");
        Assert.NotNull(download);
        using var buffer = new MemoryStream();
        await download.Content.CopyToAsync(buffer);

        Assert.Equal("0123456789", Encoding.ASCII.GetString(buffer.ToArray()));
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains("x-ms-range: bytes=5-\r\n", server.Requests[1], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("If-Match: \"0x1\"\r\n", server.Requests[1], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task OpenReadAsync_BlobReplacedBeforeResume_FailsTheReadInsteadOfMixingVersions()
    {
        await using var server = new CannedHttpServer(
            Head + "01234",
            "HTTP/1.1 412 Precondition Failed\r\nx-ms-error-code: ConditionNotMet\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        var store = CreateStore(server.Port);

        await using var download = await store.OpenReadAsync("c", "model.onnx");
        Assert.NotNull(download);
        using var buffer = new MemoryStream();
        var error = await Assert.ThrowsAsync<IOException>(() => download.Content.CopyToAsync(buffer));

        var conflict = Assert.IsType<StorageConflictException>(error.InnerException);
        Assert.Equal(StorageConflict.ETagMismatch, conflict.Conflict);
    }

    [Fact]
    public async Task OpenReadAsync_ConnectionEndsMidBodySynchronousRead_ResumesToo()
    {
        await using var server = new CannedHttpServer(
            Head + "0123",
            "HTTP/1.1 206 Partial Content\r\nContent-Length: 6\r\nContent-Range: bytes 4-9/10\r\nETag: \"0x1\"\r\nConnection: close\r\n\r\n456789");
        var store = CreateStore(server.Port);

        await using var download = await store.OpenReadAsync("c", "model.onnx");
        Assert.NotNull(download);
        using var reader = new StreamReader(download.Content, Encoding.ASCII);

        Assert.Equal("0123456789", reader.ReadToEnd());
    }

    private static BlobArtifactStore CreateStore(int port) =>
        new(StorageAccount.Create(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/q;TableEndpoint=http://127.0.0.1:{port}/t",
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        }).Blobs);
}
