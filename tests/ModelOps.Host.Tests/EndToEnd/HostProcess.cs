using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// The real host process (the same dll ./run.sh starts) on a free loopback port over a given Azurite, that a test can
/// kill (Process.Kill, no shutdown) and start again on the same storage. Settings beyond these defaults come as
/// environment variables.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string AdminKey = "e2e-admin-key";
    public const string ApiKey = "e2e-api-key";

    private readonly StringBuilder _log = new();

    /// <summary>A task hub of this host's own, kept across restarts, so no other test's host takes its runs.</summary>
    private readonly string _taskHub = "hub" + AzuriteFixture.UniqueName("e2e").Replace("x", string.Empty, StringComparison.Ordinal);
    private Process? _process;

    private HostProcess(Uri baseAddress)
    {
        BaseAddress = baseAddress;
        Admin = Client(AdminKey);
        Api = Client(ApiKey);
        Anonymous = Client(null);
    }

    public Uri BaseAddress { get; }

    public HttpClient Admin { get; }

    public HttpClient Api { get; }

    public HttpClient Anonymous { get; }

    /// <summary>True while the process is alive (bad input must never take it down).</summary>
    public bool IsRunning => _process is { HasExited: false };

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<HostProcess> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string> settings)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var host = new HostProcess(new Uri($"http://127.0.0.1:{port}"));
        await host.StartProcessAsync(azurite, settings);
        return host;
    }

    /// <summary>Kills the process at once (as kill -9 would: no graceful shutdown).</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async Task RestartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string> settings)
    {
        await KillAsync();
        _process?.Dispose();
        await StartProcessAsync(azurite, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Admin.Dispose();
        Api.Dispose();
        Anonymous.Dispose();
    }

    private async Task StartProcessAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string> settings)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var hostDll = Path.Combine(RepositoryPaths.RepoRoot, "src", "ModelOps.Host", "bin", configuration, "net10.0", "ModelOps.Host.dll");
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        start.Environment["ModelOps__AdminKey"] = AdminKey;
        start.Environment["ModelOps__ApiKey"] = ApiKey;
        start.Environment["ModelOps__Demo__Enabled"] = "false";
        start.Environment["ModelOps__Retraining__WatchInterval"] = "00:00:00.200";
        start.Environment["ModelOps__Workflows__TaskHubName"] = _taskHub;
        start.Environment["ModelOps__Workflows__MaxQueuePollingInterval"] = "00:00:00.100";
        start.Environment["ModelOps__Workflows__LeaseInterval"] = "00:00:10";
        start.Environment["ModelOps__Workflows__LeaseAcquireInterval"] = "00:00:01";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        using var probe = new HttpClient { BaseAddress = BaseAddress };
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The host was not ready within 60 s:\n{Log}");
    }

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
