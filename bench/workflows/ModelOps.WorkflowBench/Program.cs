using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps;
using ModelOps.DurableTask;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Workflows;

// Usage: ModelOps.WorkflowBench <connection string> [runs=20] [idle seconds=30]
var connection = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var idleSeconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;

var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
builder.Services.AddModelOpsStorage(StorageConnection.FromConnectionString(connection), o => o.NamePrefix = "bench");
builder.Services.AddModelOpsCore();
// The local host's engine settings (DurableEngineOptions defaults), on a task hub of its own.
builder.Services.AddLocalDurableEngine(
    tasks => tasks
        .AddOrchestratorFunc<int, int>("OneActivity", (context, input) => context.CallActivityAsync<int>("Double", input))
        .AddActivityFunc<int, int>("Double", (_, input) => input * 2),
    o => o.TaskHubName = "workflowbench");
using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<IWorkflowClient>();

// One warm-up run (task hub creation, partition leases), then the measured ones, one after the other.
async Task<double> RunOnceAsync(string id)
{
    var clock = Stopwatch.StartNew();
    await client.StartAsync("OneActivity", id, 21);
    while ((await client.GetStatusAsync(id, includeSteps: false))?.RuntimeStatus is not WorkflowRuntimeStatus.Completed)
    {
        await Task.Delay(5);
    }

    return clock.Elapsed.TotalMilliseconds;
}

var prefix = "r" + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
await RunOnceAsync(prefix + "-warmup");
var latencies = new List<double>();
for (var i = 0; i < runs; i++)
{
    latencies.Add(await RunOnceAsync($"{prefix}-{i}"));
}

latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"one-activity orchestration, start to completion, {runs} runs: median {latencies[runs / 2]:F0} ms, min {latencies[0]:F0} ms, max {latencies[^1]:F0} ms"));

// Idle: the engine polls its control and work-item queues; CPU time of this process over the window.
var process = Process.GetCurrentProcess();
var cpuBefore = process.TotalProcessorTime;
await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
process.Refresh();
var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / idleSeconds * 100;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"idle engine: {cpu:F1} % of one core over {idleSeconds} s"));
await host.StopAsync();
