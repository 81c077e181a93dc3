using System.Globalization;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// One real host process over one real Azurite, shared by the end-to-end test classes; tests talk to it over HTTP only.
/// </summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    /// <summary>Small enough to test 413 cheaply.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private readonly AzuriteFixture _azurite = new();
    private HostProcess? _host;

    public HttpClient Admin => Host.Admin;

    public HttpClient Api => Host.Api;

    public HttpClient Anonymous => Host.Anonymous;

    public string Log => Host.Log;

    /// <summary>The host's storage, for what no route does (enqueue a message, drop a batch input file).</summary>
    public string StorageConnectionString => _azurite.ConnectionString;

    public Uri BaseAddress => Host.BaseAddress;

    /// <summary>True while the host process is alive (bad input must never take it down).</summary>
    public bool IsRunning => Host.IsRunning;

    private HostProcess Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _host = await HostProcess.StartAsync(_azurite, new Dictionary<string, string>
        {
            ["ModelOps__Http__MaxRequestBodyBytes"] = MaxRequestBodyBytes.ToString(CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}
