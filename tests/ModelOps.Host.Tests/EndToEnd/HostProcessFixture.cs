using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// The real host process (the same dll ./run.sh starts) on a free loopback port, backed by a real Azurite the
/// fixture starts. Tests talk to it over HTTP only.
/// </summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    public const string AdminKey = "e2e-admin-key";
    public const string ApiKey = "e2e-api-key";

    /// <summary>Small enough to test 413 cheaply.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private readonly AzuriteFixture _azurite = new();
    private readonly StringBuilder _log = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Api { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

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

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        var hostDll = HostDll();
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["AzureWebJobsStorage"] = _azurite.ConnectionString;
        start.Environment["ModelOps__AdminKey"] = AdminKey;
        start.Environment["ModelOps__ApiKey"] = ApiKey;
        start.Environment["ModelOps__Http__MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ModelOps__Demo__Enabled"] = "false";
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        Admin = Client(AdminKey);
        Api = Client(ApiKey);
        Anonymous = Client(null);
        await WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Admin?.Dispose();
        Api?.Dispose();
        Anonymous?.Dispose();
        await _azurite.DisposeAsync();
    }

    /// <summary>True while the host process is alive (bad input must never take it down).</summary>
    public bool IsRunning => _process is { HasExited: false };

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

    private async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await Anonymous.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));
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

    private static string HostDll()
    {
        // The host project is referenced, so its build output sits beside this assembly's configuration.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepositoryPaths.RepoRoot, "src", "ModelOps.Host", "bin", configuration, "net10.0", "ModelOps.Host.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the host first.", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
