using ModelOps.Storage.Blobs;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>Transient failures are retried by the pipeline, each attempt freshly dated and signed.</summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task CreateContainerAsync_TransientStatusThenSuccess_Retries(int status)
    {
        await using var server = new CannedHttpServer(
            Response(status, "Transient"),
            Response(201, "Created"));
        var store = CreateStore(server.Port, maxRetries: 3);

        await store.EnsureContainerAsync("models");

        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Contains("Authorization: SharedKey devstoreaccount1:", r, StringComparison.Ordinal));
        Assert.All(server.Requests, r => Assert.StartsWith("PUT /devstoreaccount1/models?restype=container HTTP/1.1", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateContainerAsync_ConnectionDroppedThenSuccess_Retries()
    {
        await using var server = new CannedHttpServer(null, Response(201, "Created"));
        var store = CreateStore(server.Port, maxRetries: 3);

        await store.EnsureContainerAsync("models");

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task CreateContainerAsync_PersistentFailure_ThrowsAfterRetriesWithStatusAndCode()
    {
        await using var server = new CannedHttpServer(
            Response(503, "ServerBusy"), Response(503, "ServerBusy"), Response(503, "ServerBusy"));
        var store = CreateStore(server.Port, maxRetries: 2);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.EnsureContainerAsync("models"));

        Assert.Equal(503, error.Status);
        Assert.Equal("ServerBusy", error.ErrorCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task CreateContainerAsync_NonTransientStatus_DoesNotRetry()
    {
        await using var server = new CannedHttpServer(Response(400, "InvalidResourceName"), Response(201, "Created"));
        var store = CreateStore(server.Port, maxRetries: 3);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => store.EnsureContainerAsync("models"));

        Assert.Equal(400, error.Status);
        Assert.Single(server.Requests);
    }

    private static BlobArtifactStore CreateStore(int port, int maxRetries) =>
        new(StorageAccount.Create(new StorageOptions
        {
            ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;"
                + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/q;TableEndpoint=http://127.0.0.1:{port}/t",
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        }).Blobs);

    private static string Response(int status, string code) =>
        $"HTTP/1.1 {status} {code}\r\nx-ms-error-code: {code}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
}
