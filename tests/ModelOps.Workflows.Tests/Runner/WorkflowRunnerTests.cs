using Microsoft.Extensions.DependencyInjection;
using ModelOps.Errors;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Runner;

[Collection(AzuriteCollection.Name)]
public sealed class WorkflowRunnerTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly RunnerNames _names = RunnerNames.Create();
    private readonly Probe _probe = new() { EffectsTable = AzuriteFixture.UniqueName("effects") };

    [Fact]
    public async Task Run_ThreeSteps_CompletesWithOutputStatusAndSteps()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(
            nameof(TestWorkflows.Pipeline),
            "iris",
            new WorkflowStartOptions { Tags = new Dictionary<string, string> { ["model"] = "iris", ["trigger"] = "manual" } });

        var status = await WaitEndedAsync(host.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("iris/validate,iris/train,iris/register", status.ReadOutput<string>());
        Assert.Equal("iris", status.Input!.Value.GetString());
        Assert.Equal(3, status.CustomStatus!.Value.GetProperty("done").GetInt32());
        Assert.Equal("manual", status.Tags["trigger"]);
        Assert.True(status.LastUpdatedTime >= status.CreatedTime);
        Assert.Equal(3, status.Steps.Count);
        Assert.All(status.Steps, s =>
        {
            Assert.Equal(nameof(TestWorkflows.Effect), s.Name);
            Assert.Equal(WorkflowStepStatus.Completed, s.Status);
            Assert.Equal(1, s.Attempts);
            Assert.NotNull(s.End);
            Assert.True(s.DurationMs >= 0);
        });
        Assert.All(_probe.Executions.Values, n => Assert.Equal(1, n));
        Assert.Equal(3, await CountEffectsAsync(host, id));
    }

    [Fact]
    public async Task Run_RetryTimerAndSubWorkflow_CompletesAndRecordsAttempts()
    {
        _probe.FlakyFailures = 1;
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Composite), "wine");

        var status = await WaitEndedAsync(host.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal("flaky ok|wine/validate,wine/train,wine/register", status.ReadOutput<string>());
        Assert.Equal([nameof(TestWorkflows.Flaky), nameof(TestWorkflows.Pipeline)], status.Steps.Select(s => s.Name));
        Assert.Equal(2, status.Steps[0].Attempts);
        Assert.All(status.Steps, s => Assert.Equal(WorkflowStepStatus.Completed, s.Status));
        var child = await host.Client.GetStatusAsync($"{id}:1:4");
        Assert.Equal(WorkflowRuntimeStatus.Completed, child!.RuntimeStatus);
    }

    [Fact]
    public async Task RaiseEvent_WaitingRun_CompletesWithPayload()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x");
        await Eventually.WaitAsync(
            async () => (await host.Client.GetStatusAsync(id))?.RuntimeStatus == WorkflowRuntimeStatus.Running,
            Bound,
            "the run to wait for its event");

        await host.Client.RaiseEventAsync(id, "approval", "ana");
        var status = await WaitEndedAsync(host.Client, id);

        Assert.Equal("approved by ana", status.ReadOutput<string>());
    }

    [Fact]
    public async Task Terminate_RunningRun_EndsTerminatedAndTakesNoMoreEvents()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x");

        Assert.True(await host.Client.TerminateAsync(id, "no longer needed"));
        var status = await WaitEndedAsync(host.Client, id);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, status.RuntimeStatus);
        Assert.Equal("no longer needed", status.Failure!.Message);
        Assert.False(await host.Client.TerminateAsync(id));
        var error = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.RaiseEventAsync(id, "Approval", "late"));
        Assert.Equal(ErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public async Task ContinueAsNew_CountsUpAndKeepsOnlyTheLastExecutionsHistory()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Counter), 0);

        var status = await WaitEndedAsync(host.Client, id);

        Assert.Equal(3, status.ReadOutput<int>());
        Assert.Equal(4, await CountEffectsAsync(host, id));
        var rows = await HistoryRowsAsync(host, id);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith(HistoryTable.HistoryPrefix(4), r.RowKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_EndedRun_HistoryPurgedStatusKept()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a", o =>
        {
            o.HistoryRetention = TimeSpan.Zero;
            o.RetentionSweepInterval = TimeSpan.FromSeconds(1);
        });
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Pipeline), "iris");
        await WaitEndedAsync(host.Client, id);

        await Eventually.WaitAsync(async () => (await HistoryRowsAsync(host, id)).Count == 0, Bound, "history to be purged");

        var status = await host.Client.GetStatusAsync(id);
        Assert.Equal(WorkflowRuntimeStatus.Completed, status!.RuntimeStatus);
        Assert.Equal(3, status.Steps.Count);
    }

    [Fact]
    public async Task StaleWorkItem_ForCompletedActivity_IsDroppedNotRerun()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var id = await host.Client.StartAsync(nameof(TestWorkflows.Pipeline), "iris");
        await WaitEndedAsync(host.Client, id);
        var executions = _probe.Executions.Values.Sum();

        // A duplicate delivery of the first activity's work item, as a crashed host would leave behind.
        var queue = host.Services.GetRequiredService<IWorkQueue>();
        var stale = new WorkItem(WorkItemKind.Activity, id) { Execution = 1, TaskId = 0 };
        await queue.EnqueueAsync(_names.Queue, stale.ToJson());
        await Eventually.WaitAsync(async () => await queue.GetApproximateCountAsync(_names.Queue) == 0, Bound, "the stale work item to be taken");

        Assert.Equal(executions, _probe.Executions.Values.Sum());
    }

    [Fact]
    public async Task List_ByTag_NewestFirstInPages()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var ids = new List<string>();
        foreach (var i in Enumerable.Range(0, 3))
        {
            ids.Add(await host.Client.StartAsync(
                nameof(TestWorkflows.Approval),
                "x",
                new WorkflowStartOptions { InstanceId = $"run-{i}", Tags = new Dictionary<string, string> { ["model"] = "iris" } }));
            await Task.Delay(5); // distinct creation ticks
        }

        await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x", new WorkflowStartOptions { Tags = new Dictionary<string, string> { ["model"] = "wine" } });

        var first = await host.Client.ListAsync(new WorkflowQuery("model", "iris", PageSize: 2));
        var second = await host.Client.ListAsync(new WorkflowQuery("model", "iris", PageSize: 2, ContinuationToken: first.ContinuationToken));

        Assert.Equal(["run-2", "run-1"], first.Runs.Select(r => r.Id));
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(["run-0"], second.Runs.Select(r => r.Id));
        Assert.Equal(4, (await host.Client.ListAsync(new WorkflowQuery(PageSize: 10))).Runs.Count);
    }

    [Fact]
    public async Task Client_BeforeAnyRunExists_AnswersNotFoundAndEmpty()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a", startRunner: false);

        Assert.Null(await host.Client.GetStatusAsync("nothing-yet"));
        Assert.Empty((await host.Client.ListAsync(new WorkflowQuery("model", "iris"))).Runs);
        var missing = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.TerminateAsync("nothing-yet"));
        Assert.Equal(ErrorKind.NotFound, missing.Kind);
        Assert.False(await host.Client.PurgeAsync("nothing-yet"));
    }

    [Fact]
    public async Task Start_UnknownWorkflowOrTakenId_IsRejected()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");

        var unknown = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.StartAsync("Nope"));
        var badId = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.StartAsync(nameof(TestWorkflows.Approval), "x", new WorkflowStartOptions { InstanceId = "a/b" }));
        await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x", new WorkflowStartOptions { InstanceId = "taken" });
        var taken = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.StartAsync(nameof(TestWorkflows.Approval), "x", new WorkflowStartOptions { InstanceId = "taken" }));

        Assert.Equal(ErrorKind.InvalidInput, unknown.Kind);
        Assert.Equal(ErrorKind.InvalidInput, badId.Kind);
        Assert.Equal(ErrorKind.Conflict, taken.Kind);
        Assert.Null(await host.Client.GetStatusAsync("missing"));
    }

    [Fact]
    public async Task Purge_EndedRun_RemovesItAndRefusesRunningOnes()
    {
        await using var host = await RunnerHost.StartAsync(azurite, _names, _probe, "a");
        var running = await host.Client.StartAsync(nameof(TestWorkflows.Approval), "x");
        var done = await host.Client.StartAsync(nameof(TestWorkflows.Pipeline), "iris");
        await WaitEndedAsync(host.Client, done);

        var refused = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.PurgeAsync(running));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.True(await host.Client.PurgeAsync(done));
        Assert.Null(await host.Client.GetStatusAsync(done));
        Assert.DoesNotContain(done, (await host.Client.ListAsync(new WorkflowQuery())).Runs.Select(r => r.Id));
    }

    internal static async Task<WorkflowInstance> WaitEndedAsync(IWorkflowClient client, string id)
    {
        using var timeout = new CancellationTokenSource(Bound);
        return await client.WaitForCompletionAsync(id, timeout.Token);
    }

    private async Task<int> CountEffectsAsync(RunnerHost host, string id)
    {
        var tables = host.Services.GetRequiredService<IMetadataStore>();
        var page = await tables.QueryAsync(_probe.EffectsTable, new TableQuery(id));
        return page.Entities.Count;
    }

    private async Task<List<TableEntity>> HistoryRowsAsync(RunnerHost host, string id)
    {
        var tables = host.Services.GetRequiredService<IMetadataStore>();
        var page = await tables.QueryAsync(_names.HistoryTable, new TableQuery(id, "RowKey ge 'h' and RowKey lt 'i'"));
        return [.. page.Entities];
    }
}
