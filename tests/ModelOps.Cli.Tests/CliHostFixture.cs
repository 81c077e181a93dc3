using ModelOps.Host.Tests.EndToEnd;
using ModelOps.Testing;

namespace ModelOps.Cli.Tests;

/// <summary>A real host process over a real Azurite, and a way to run <c>modelops</c> against it in-process.</summary>
public sealed class CliHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private HostProcess? _host;

    public Uri BaseAddress => (_host ?? throw new InvalidOperationException("Not started.")).BaseAddress;

    public static string AdminKey => HostProcess.AdminKey;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _host = await HostProcess.StartAsync(_azurite, new Dictionary<string, string>
        {
            ["ModelOps__Monitoring__RequestBudget"] = "00:01:00",
            ["ModelOps__Monitoring__EnableSchedules"] = "false",
        });
    }

    /// <summary>Runs the CLI with MODELOPS_URL and MODELOPS_KEY pointing at the host (overridable per call).</summary>
    public async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["MODELOPS_URL"] = BaseAddress.ToString(), ["MODELOPS_KEY"] = AdminKey };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new CliContext(output, error, name => settings.GetValueOrDefault(name), interactive: false));
        return new CliResult(exit, output.ToString(), error.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(null, args);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }
}
