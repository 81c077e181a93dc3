using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelOps.Testing;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (HttpListener on a free port) for webhook tests: records every POST body and
/// answers with what <see cref="Respond"/> says for the request's number (1-based): a status code, or null to never answer.
/// </summary>
public sealed class LoopbackWebhook : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _bodies = new();
    private readonly Task _loop;
    private int _requests;
    private int _disposed;

    public LoopbackWebhook()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = new Uri($"http://127.0.0.1:{port}/hook/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The answer to request n (1-based): a status code, or null to hold the request unanswered. Default 200.</summary>
    public Func<int, int?> Respond { get; set; } = _ => 200;

    public int Requests => Volatile.Read(ref _requests);

    public IReadOnlyList<string> Bodies => [.. _bodies];

    /// <summary>Waits (bounded) until <paramref name="count"/> requests arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The webhook received {Requests} request(s), not {count}, within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener closed under the loop.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                _bodies.Enqueue(await reader.ReadToEndAsync());
                var status = Respond(Interlocked.Increment(ref _requests));
                if (status is not int code)
                {
                    return; // Never answered: the sender times out.
                }

                context.Response.StatusCode = code;
                context.Response.Close();
            });
        }
    }
}
