using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.DurableTask.Tests.Support;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.DurableTask.Tests.Engine;

/// <summary>Runs by model over the local engine and the table run index.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkflowRunsTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task List_RunsOfAModel_NewestFirstInPagesWithSteps()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await host.Runs.StartAsync(TestTasks.Echo, $"m-run-{i}", i, "m", "manual", T0.AddMinutes(i)));
        }

        await host.Runs.StartAsync(TestTasks.Echo, "other-run", 9, "other", "manual", T0.AddHours(1));
        await host.Client.WaitForEndAsync("m-run-4");

        var first = await host.Runs.ListAsync("m", 3, null);
        var second = await host.Runs.ListAsync("m", 3, first.ContinuationToken);

        Assert.Equal(["m-run-4", "m-run-3", "m-run-2"], first.Runs.Select(r => r.Id));
        Assert.Equal(["m-run-1", "m-run-0"], second.Runs.Select(r => r.Id));
        Assert.Null(second.ContinuationToken);
        Assert.NotEmpty(first.Runs[0].Steps);
        Assert.Equal("m", first.Runs[0].Tags["model"]);
    }

    [Fact]
    public async Task Start_TheSameTriggerTwice_ListsTheRunOnce()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        Assert.True(await host.Runs.StartAsync(TestTasks.Echo, "dup-run", 1, "dup", "blob", T0));
        Assert.False(await host.Runs.StartAsync(TestTasks.Echo, "dup-run", 1, "dup", "blob", T0));

        Assert.Equal(["dup-run"], (await host.Runs.ListAsync("dup", 50, null)).Runs.Select(r => r.Id));
    }

    [Fact]
    public async Task Purge_EndedRunsPastTheRetention_GoFromEngineAndIndex()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await EngineHost.StartAsync(
            azurite,
            EngineHost.NewTaskHub(),
            services: s => s.AddSingleton<TimeProvider>(time).Configure<WorkflowOptions>(o => o.HistoryRetention = TimeSpan.FromDays(1)));
        await host.Runs.StartAsync(TestTasks.Echo, "purge-me", 1, "p", "manual", time.GetUtcNow());
        await host.Client.WaitForEndAsync("purge-me");

        Assert.Equal(0, await host.Runs.PurgeAsync());
        Assert.Single((await host.Runs.ListAsync("p", 50, null)).Runs);

        time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await host.Runs.PurgeAsync());

        Assert.Null(await host.Client.GetStatusAsync("purge-me"));
        Assert.Empty((await host.Runs.ListAsync("p", 50, null)).Runs);
        var index = host.Services.GetRequiredService<IRunIndex>();
        Assert.Empty((await index.ListAsync("p", 50, null)).Entries);
        Assert.Equal(TimeSpan.FromDays(1), host.Services.GetRequiredService<IOptions<WorkflowOptions>>().Value.HistoryRetention);
    }
}
