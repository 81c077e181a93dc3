using System.Net;
using System.Net.Sockets;
using System.Text;
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

    /// <summary>
    /// A loopback HTTP server that answers the n-th connection with the n-th canned response (null: drop the connection)
    /// and records each request's head.
    /// </summary>
    private sealed class CannedHttpServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _loop;
        private readonly CancellationTokenSource _stop = new();

        public CannedHttpServer(params string?[] responses)
        {
            _listener.Start();
            _loop = ServeAsync(responses);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public List<string> Requests { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped while waiting for a connection that never came.
            }

            _stop.Dispose();
        }

        private async Task ServeAsync(string?[] responses)
        {
            foreach (var response in responses)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                lock (Requests)
                {
                    Requests.Add(head);
                }

                if (response is null)
                {
                    client.Client.LingerState = new LingerOption(true, 0);
                    continue;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stop.Token);
            }
        }

        private async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var buffer = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal)
                && await stream.ReadAsync(buffer, _stop.Token) == 1)
            {
                head.Append((char)buffer[0]);
            }

            return head.ToString();
        }
    }
}
