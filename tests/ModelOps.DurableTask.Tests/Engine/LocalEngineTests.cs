using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.DurableTask.Tests.Support;
using ModelOps.Errors;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.DurableTask.Tests.Engine;

/// <summary>The local engine against a real Azurite: what the platform's workflows rely on.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalEngineTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Start_OrchestrationWithActivity_CompletesWithOutputStatusAndSteps()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        Assert.True(await host.Client.StartAsync(TestTasks.Echo, "echo-1", 21, new Dictionary<string, string> { ["model"] = "m" }));
        var run = await host.Client.WaitForEndAsync("echo-1");

        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        Assert.Equal(TestTasks.Echo, run.Name);
        Assert.Equal(42, run.Output!.Value.GetInt32());
        Assert.Equal(21, run.Input!.Value.GetInt32());
        Assert.Equal("done", run.CustomStatus!.Value.GetProperty("stage").GetString());
        Assert.Equal("m", run.Tags["model"]);
        var step = Assert.Single(run.Steps);
        Assert.Equal(("DoubleActivity", WorkflowStepStatus.Completed, 1), (step.Name, step.Status, step.Attempts));
        Assert.True(step.Start <= step.End && step.DurationMs >= 0);
        Assert.True(run.CreatedTime <= step.Start);
    }

    [Fact]
    public async Task Start_SameIdTwice_StartsOneRun()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        Assert.True(await host.Client.StartAsync(TestTasks.Echo, "once", 1));
        Assert.False(await host.Client.StartAsync(TestTasks.Echo, "once", 2));
        var run = await host.Client.WaitForEndAsync("once");
        Assert.False(await host.Client.StartAsync(TestTasks.Echo, "once", 3));

        Assert.Equal(2, run.Output!.Value.GetInt32());
        await Task.Delay(500);
        Assert.Equal(2, (await host.Client.GetStatusAsync("once"))!.Output!.Value.GetInt32());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public async Task Start_InvalidRunId_IsRefused(string id)
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        var error = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.StartAsync(TestTasks.Echo, id, 1));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Null(await host.Client.GetStatusAsync(id));
    }

    [Fact]
    public async Task Activity_FailingOnceWithRetryPolicy_IsOneStepWithTwoAttempts()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.Flaky, "flaky", "flaky-key");
        var run = await host.Client.WaitForEndAsync("flaky");

        Assert.Equal(WorkflowRuntimeStatus.Completed, run.RuntimeStatus);
        var step = Assert.Single(run.Steps);
        Assert.Equal((WorkflowStepStatus.Completed, 2, null), (step.Status, step.Attempts, step.Error));
    }

    [Fact]
    public async Task Activity_Throwing_FailsTheRunWithItsMessage()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.Failing, "failing", "x");
        var run = await host.Client.WaitForEndAsync("failing");

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains("the input is not acceptable", run.Failure!.Message, StringComparison.Ordinal);
        var step = Assert.Single(run.Steps);
        Assert.Equal((WorkflowStepStatus.Failed, "the input is not acceptable"), (step.Status, step.Error));
        Assert.Null(run.Output);
    }

    [Fact]
    public async Task Activity_ThrowingAnExceptionThatCannotDescribeItself_FailsTheRunReadably()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.Unreadable, "unreadable", "x");
        var run = await host.Client.WaitForEndAsync("unreadable", TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.False(string.IsNullOrWhiteSpace(run.Failure!.Message));
        Assert.Equal(WorkflowStepStatus.Failed, Assert.Single(run.Steps).Status);

        // The engine goes on serving.
        await host.Client.StartAsync(TestTasks.Echo, "after-unreadable", 4);
        Assert.Equal(8, (await host.Client.WaitForEndAsync("after-unreadable")).Output!.Value.GetInt32());
    }

    [Fact]
    public async Task RaiseEvent_ToAWaitingRun_CompletesIt()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());
        await host.Client.StartAsync(TestTasks.WaitForApproval, "approval", 120.0);
        await host.Client.WaitForAsync("approval", s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);

        await host.Client.RaiseEventAsync("approval", "approve", new TestTasks.Approval("ana"));

        Assert.Equal("approved by ana", (await host.Client.WaitForEndAsync("approval")).Output!.Value.GetString());
        var ended = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.RaiseEventAsync("approval", "approve", null));
        Assert.Equal(ErrorKind.Conflict, ended.Kind);
    }

    [Fact]
    public async Task WaitForEvent_NoEventBeforeTheTimer_TimesOut()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.WaitForApproval, "no-approval", 1.0);

        Assert.Equal("timed out", (await host.Client.WaitForEndAsync("no-approval")).Output!.Value.GetString());
    }

    [Fact]
    public async Task RaiseEventAndTerminate_UnknownRun_AreNotFound()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        var raise = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.RaiseEventAsync("nobody", "approve", null));
        var terminate = await Assert.ThrowsAsync<ModelOpsException>(() => host.Client.TerminateAsync("nobody"));

        Assert.Equal((ErrorKind.NotFound, ErrorKind.NotFound), (raise.Kind, terminate.Kind));
        Assert.Null(await host.Client.GetStatusAsync("nobody"));
    }

    [Fact]
    public async Task Terminate_RunningRun_EndsItAndMarksItsStep()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());
        var probe = host.Services.GetRequiredService<TestProbe>();
        await host.Client.StartAsync(TestTasks.Blocking, "blocked", "x");
        await probe.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(await host.Client.TerminateAsync("blocked", "stop it"));
        var run = await host.Client.WaitForEndAsync("blocked");
        probe.Gate.SetResult();

        Assert.Equal(WorkflowRuntimeStatus.Terminated, run.RuntimeStatus);
        Assert.Equal("stop it", run.Failure!.Message);
        var step = Assert.Single(run.Steps);
        Assert.Equal(WorkflowStepStatus.Terminated, step.Status);
        Assert.NotNull(step.End);
        Assert.False(await host.Client.TerminateAsync("blocked"));
    }

    [Fact]
    public async Task SubOrchestration_ChildKnowsItsParent()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.Parent, "parent-1", "x");
        var run = await host.Client.WaitForEndAsync("parent-1");

        Assert.Equal("parent-1", run.Output!.Value.GetString());
        var step = Assert.Single(run.Steps);
        Assert.Equal((TestTasks.Child, WorkflowStepStatus.Completed), (step.Name, step.Status));
    }

    [Fact]
    public async Task DurableTimer_FiresAndTheRunCompletes()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.Sleep, "sleeper", 1.0);
        var run = await host.Client.WaitForEndAsync("sleeper");

        Assert.Equal("woke", run.Output!.Value.GetString());
    }

    [Fact]
    public async Task TwoHosts_OneTaskHub_ShareTheWorkAndRunEachOrchestrationOnce()
    {
        var hub = EngineHost.NewTaskHub();
        await using var one = await EngineHost.StartAsync(azurite, hub, workerId: "one");
        await using var two = await EngineHost.StartAsync(azurite, hub, workerId: "two");
        var ids = Enumerable.Range(0, 20).Select(i => $"shared-{i}").ToList();

        // Give the partition manager time to balance the two partitions across the hosts.
        await Task.Delay(TimeSpan.FromSeconds(4));
        foreach (var id in ids)
        {
            await (ids.IndexOf(id) % 2 == 0 ? one : two).Client.StartAsync(TestTasks.WhoRuns, id, "x");
        }

        var runs = await Task.WhenAll(ids.Select(id => one.Client.WaitForEndAsync(id)));

        Assert.All(runs, r => Assert.Equal(WorkflowRuntimeStatus.Completed, r.RuntimeStatus));
        var workers = runs.Select(r => r.Output!.Value.GetString()).ToList();
        Assert.Contains("one", workers);
        Assert.Contains("two", workers);
        var probes = new[] { one, two }.Select(h => h.Services.GetRequiredService<TestProbe>()).ToList();
        Assert.All(ids, id => Assert.Equal(1, probes.Sum(p => p.CallsOf(id))));
    }

    [Fact]
    public async Task Purge_RemovesEndedRunsCreatedBeforeTheCutoffOnly()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());
        var probe = host.Services.GetRequiredService<TestProbe>();
        await host.Client.StartAsync(TestTasks.Echo, "old-done", 1);
        await host.Client.StartAsync(TestTasks.Blocking, "old-running", "x");
        await host.Client.WaitForEndAsync("old-done");
        await probe.Entered.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var purged = await host.Client.PurgeEndedAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        probe.Gate.SetResult();

        Assert.Equal(1, purged);
        Assert.Null(await host.Client.GetStatusAsync("old-done"));
        Assert.NotNull(await host.Client.GetStatusAsync("old-running"));
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await host.Client.WaitForEndAsync("old-running")).RuntimeStatus);
    }

    [Fact]
    public async Task Payloads_AreCamelCaseJson()
    {
        await using var host = await EngineHost.StartAsync(azurite, EngineHost.NewTaskHub());

        await host.Client.StartAsync(TestTasks.WaitForApproval, "json", 60.0);
        await host.Client.WaitForAsync("json", s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);
        await host.Client.RaiseEventAsync("json", "approve", JsonSerializer.SerializeToElement(new { by = "lee" }));

        Assert.Equal("approved by lee", (await host.Client.WaitForEndAsync("json")).Output!.Value.GetString());
    }
}
