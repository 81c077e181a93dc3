using Microsoft.Extensions.DependencyInjection;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Runner;

[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly RunnerNames _names = RunnerNames.Create();
    private readonly Probe _probe = new() { EffectsTable = AzuriteFixture.UniqueName("effects") };

    [Fact]
    public async Task KilledMidActivity_NewRunnerResumes_EachStepsEffectHappensOnce()
    {
        _probe.HangOnceOn = "/train";
        string id;
        await using (var first = await RunnerHost.StartAsync(azurite, _names, _probe, "first"))
        {
            id = await first.Client.StartAsync(nameof(TestWorkflows.Pipeline), "iris");
            await _probe.Hanging.Task.WaitAsync(Bound);

            // Killed in the middle of "train", after its effect was written and before its completion was recorded.
            await first.KillAsync();
        }

        await using var second = await RunnerHost.StartAsync(azurite, _names, _probe, "second");
        var status = await WorkflowRunnerTests.WaitEndedAsync(second.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("iris/validate,iris/train,iris/register", status.ReadOutput<string>());

        // validate ran once (completed before the kill, never again); train ran twice (at least once); register once.
        Assert.Equal([1, 2, 1], _probe.Executions.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value));
        Assert.Equal(2, _probe.ByHost["first"]); // validate, plus the killed train
        Assert.Equal(3, await CountEffectsAsync(second, id));
        Assert.All(status.Steps, s => Assert.Equal((WorkflowStepStatus.Completed, 1), (s.Status, s.Attempts)));
    }

    [Fact]
    public async Task TwoRunners_ShareTheQueue_NoCompletedStepRunsTwice()
    {
        await using var a = await RunnerHost.StartAsync(azurite, _names, _probe, "a", o => o.MaxConcurrentWorkItems = 2);
        await using var b = await RunnerHost.StartAsync(azurite, _names, _probe, "b", o => o.MaxConcurrentWorkItems = 2);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await (i % 2 == 0 ? a : b).Client.StartAsync(nameof(TestWorkflows.Pipeline), $"m{i}"));
        }

        foreach (var id in ids)
        {
            Assert.Equal(WorkflowRuntimeStatus.Completed, (await WorkflowRunnerTests.WaitEndedAsync(a.Client, id)).RuntimeStatus);
        }

        Assert.Equal(24, _probe.Executions.Count);
        Assert.All(_probe.Executions.Values, n => Assert.Equal(1, n));
        Assert.True(_probe.ByHost.GetValueOrDefault("a") > 0 && _probe.ByHost.GetValueOrDefault("b") > 0, "both runners did work");
        foreach (var id in ids)
        {
            Assert.Equal(3, await CountEffectsAsync(a, id));
        }
    }

    [Fact]
    public async Task LostWorkItem_RunnerStarts_RecoversUnfinishedRuns()
    {
        string id;
        await using (var client = await RunnerHost.StartAsync(azurite, _names, _probe, "client", startRunner: false))
        {
            id = await client.Client.StartAsync(nameof(TestWorkflows.Pipeline), "lost");

            // The run's only work item is lost (a host died between writing the run and enqueuing its work).
            var queue = client.Services.GetRequiredService<IWorkQueue>();
            foreach (var message in await queue.ReceiveAsync(_names.Queue, 32, TimeSpan.FromMinutes(5)))
            {
                await queue.DeleteAsync(_names.Queue, message);
            }

            Assert.Equal(0, await queue.GetApproximateCountAsync(_names.Queue));
        }

        await using var runner = await RunnerHost.StartAsync(azurite, _names, _probe, "runner");
        var status = await WorkflowRunnerTests.WaitEndedAsync(runner.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
    }

    [Fact]
    public async Task FanOut_MoreCallsThanOneTransactionHolds_CompletesEachOnce()
    {
        await using var a = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        await using var b = await RunnerHost.StartAsync(azurite, _names, _probe, "b");
        var id = await a.Client.StartAsync(nameof(TestWorkflows.FanOut), 110);

        var status = await WorkflowRunnerTests.WaitEndedAsync(a.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(110, status.ReadOutput<int>());
        Assert.Equal(110, status.Steps.Count);
        Assert.Equal(110, _probe.Executions.Count);
        Assert.All(_probe.Executions.Values, n => Assert.Equal(1, n));
        Assert.Equal(110, await CountEffectsAsync(a, id));
    }

    private async Task<int> CountEffectsAsync(RunnerHost host, string id)
    {
        var tables = host.Services.GetRequiredService<IMetadataStore>();
        var page = await tables.QueryAsync(_probe.EffectsTable, new TableQuery(id));
        return page.Entities.Count;
    }
}
