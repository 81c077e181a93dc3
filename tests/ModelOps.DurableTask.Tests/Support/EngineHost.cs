using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.DurableTask.Tests.Support;

/// <summary>
/// A host with the local Durable Task engine on a task hub of the test's own in a real Azurite, running the test
/// orchestrations of <see cref="TestTasks"/>. Several hosts on one task hub share its work.
/// </summary>
public sealed class EngineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private EngineHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IWorkflowClient Client => Services.GetRequiredService<IWorkflowClient>();

    public WorkflowRuns Runs => Services.GetRequiredService<WorkflowRuns>();

    public DurableEngine Engine => Services.GetRequiredService<DurableEngine>();

    public static string NewTaskHub() => "hub" + AzuriteFixture.UniqueName("dt").Replace("x", string.Empty, StringComparison.Ordinal);

    public static async Task<EngineHost> StartAsync(
        AzuriteFixture azurite,
        string taskHub,
        Action<DurableTaskRegistry>? tasks = null,
        Action<IServiceCollection>? services = null,
        string? workerId = null,
        string? namePrefix = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TestProbe>();
        services?.Invoke(builder.Services);
        builder.Services.AddModelOpsStorage(StorageConnection.FromConnectionString(azurite.ConnectionString), o => o.NamePrefix = namePrefix ?? AzuriteFixture.UniquePrefix());
        builder.Services.AddModelOpsCore();
        builder.Services.AddLocalDurableEngine(tasks ?? TestTasks.Register, o =>
        {
            o.TaskHubName = taskHub;
            o.PartitionCount = 2;
            o.WorkerId = workerId;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
            o.LeaseAcquireInterval = TimeSpan.FromSeconds(1);
            o.LeaseInterval = TimeSpan.FromSeconds(10);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new EngineHost(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }
}
