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
            // Monitoring: checks answer within the request here, webhooks retry quickly, and no scheduled check adds reports
            // to the ones a test lists when a run crosses the hour (the timer's logic is tested through the Functions timer).
            ["ModelOps__Monitoring__RequestBudget"] = "00:01:00",
            ["ModelOps__Monitoring__EnableSchedules"] = "false",
            ["ModelOps__Monitoring__Webhooks__RetryDelay"] = "00:00:00.050",
            ["ModelOps__Monitoring__Webhooks__AttemptTimeout"] = "00:00:02",
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
