using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Storage;
using ModelOps.Testing;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>
/// A runner host over the real storage adapter and Azurite, as a host process would build it: storage, workflows,
/// the hosted runner. Several hosts with the same <see cref="RunnerNames"/> share one set of tables and one queue.
/// </summary>
public sealed class RunnerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private RunnerHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IWorkflowClient Client => _host.Services.GetRequiredService<IWorkflowClient>();

    public static async Task<RunnerHost> StartAsync(
        AzuriteFixture azurite,
        RunnerNames names,
        Probe probe,
        string hostName,
        Action<WorkflowRunnerOptions>? configure = null,
        bool startRunner = true)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddModelOpsStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.MaxRetries = 1;
            o.NetworkTimeout = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddSingleton(probe);
        builder.Services.AddSingleton(new HostIdentity(hostName));
        builder.Services.AddWorkflows(b => b
            .AddWorkflow<TestWorkflows.Pipeline>(nameof(TestWorkflows.Pipeline))
            .AddWorkflow<TestWorkflows.Composite>(nameof(TestWorkflows.Composite))
            .AddWorkflow<TestWorkflows.Approval>(nameof(TestWorkflows.Approval))
            .AddWorkflow<TestWorkflows.Counter>(nameof(TestWorkflows.Counter))
            .AddWorkflow<TestWorkflows.FanOut>(nameof(TestWorkflows.FanOut))
            .AddActivity<TestWorkflows.Effect>(nameof(TestWorkflows.Effect))
            .AddActivity<TestWorkflows.Flaky>(nameof(TestWorkflows.Flaky))
            .ConfigureRunner(o =>
            {
                o.HistoryTableName = names.HistoryTable;
                o.IndexTableName = names.IndexTable;
                o.WorkItemQueueName = names.Queue;
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                o.VisibilityTimeout = TimeSpan.FromSeconds(2);
                o.MaxConcurrentWorkItems = 4;
                configure?.Invoke(o);
            }));
        if (Environment.GetEnvironmentVariable("MODELOPS_TEST_LOG") is { Length: > 0 } logFile)
        {
            builder.Logging.AddProvider(new FileLoggerProvider(logFile, hostName));
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        var host = builder.Build();
        var tables = host.Services.GetRequiredService<IMetadataStore>();
        await tables.EnsureTableAsync(probe.EffectsTable).ConfigureAwait(false);
        if (!startRunner)
        {
            return new RunnerHost(host) { _stopped = true };
        }

        await host.StartAsync().ConfigureAwait(false);
        return new RunnerHost(host);
    }

    /// <summary>
    /// Stops the host the way a kill does as far as storage can tell: the stop does not wait, in-flight work is
    /// cancelled, and messages being worked on are neither completed nor deleted (they reappear after the visibility timeout).
    /// </summary>
    public async Task KillAsync()
    {
        _stopped = true;
        await _host.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }

        _host.Dispose();
    }
}
