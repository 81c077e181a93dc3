using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelOps.Storage.Tests.Connection;

/// <summary>
/// A loopback HTTP server that answers the n-th connection with the n-th canned response (null: drop the connection)
/// and records each request's head.
/// </summary>
internal sealed class CannedHttpServer : IAsyncDisposable
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
