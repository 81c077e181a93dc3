using Microsoft.Extensions.DependencyInjection;
using ModelOps.Errors;
using ModelOps.Functions.Tests.Support;
using ModelOps.Functions.Workflows;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Functions.Tests.Workflows;

/// <summary>
/// The workflow port over the Durable Functions client, held to the local client's contract, against the in-process
/// Durable Task host (an orchestration that waits for an event stands in for a long run).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableFunctionsWorkflowClientTests(AzuriteFixture azurite)
{
    private const string Waits = "WaitsForEvent";

    [Fact]
    public async Task Start_SameIdTwice_StartsOnceAndCarriesInputAndTags()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);
        var id = "run-" + Guid.NewGuid().ToString("N");

        Assert.True(await client.StartAsync(Waits, id, new { model = "m", dataETag = "0x1" }, new Dictionary<string, string> { ["model"] = "m" }));
        Assert.False(await client.StartAsync(Waits, id, new { model = "other" }));
        var status = await client.WaitForAsync(id, s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);

        Assert.Equal(Waits, status!.Name);
        Assert.Equal("m", status.Input!.Value.GetProperty("model").GetString());
        Assert.Equal("0x1", status.Input.Value.GetProperty("dataETag").GetString());
        Assert.Equal("m", status.Tags["model"]);
    }

    [Fact]
    public async Task Start_ConcurrentStartsOfOneId_StartOneRun()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);
        var id = "run-" + Guid.NewGuid().ToString("N");

        var started = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.StartAsync(Waits, id, null)));

        Assert.Single(started, s => s);
    }

    [Fact]
    public async Task RaiseEvent_RunningRun_CompletesItWithThePayload_ThenEndedRunsRefuseEventsAndTermination()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);
        var id = "run-" + Guid.NewGuid().ToString("N");
        await client.StartAsync(Waits, id, null);
        await client.WaitForAsync(id, s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);

        await client.RaiseEventAsync(id, "go", "approved");
        var ended = await client.WaitForEndAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(WorkflowRuntimeStatus.Completed, ended.RuntimeStatus);
        Assert.Equal("approved", ended.Output!.Value.GetString());
        Assert.Null(ended.Failure);
        Assert.False(await client.TerminateAsync(id));
        var conflict = await Assert.ThrowsAsync<ModelOpsException>(() => client.RaiseEventAsync(id, "go", "again"));
        Assert.Equal(ErrorKind.Conflict, conflict.Kind);
    }

    [Fact]
    public async Task Terminate_RunningRun_EndsItTerminatedWithTheReason()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);
        var id = "run-" + Guid.NewGuid().ToString("N");
        await client.StartAsync(Waits, id, null);
        await client.WaitForAsync(id, s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);

        Assert.True(await client.TerminateAsync(id, "no longer needed"));
        var ended = await client.WaitForEndAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(WorkflowRuntimeStatus.Terminated, ended.RuntimeStatus);
        Assert.Equal(new WorkflowFailureDetails("Terminated", "no longer needed"), ended.Failure);
        Assert.Null(ended.Output);
    }

    [Fact]
    public async Task UnknownOrInvalidRun_IsNullOr404()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);

        Assert.Null(await client.GetStatusAsync("no-such-run"));
        Assert.Null(await client.GetStatusAsync("bad/id"));
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ModelOpsException>(() => client.TerminateAsync("no-such-run"))).Kind);
        Assert.Equal(ErrorKind.NotFound, (await Assert.ThrowsAsync<ModelOpsException>(() => client.RaiseEventAsync("no-such-run", "go"))).Kind);
        Assert.Equal(ErrorKind.InvalidInput, (await Assert.ThrowsAsync<ModelOpsException>(() => client.StartAsync(Waits, "bad/id", null))).Kind);
    }

    [Fact]
    public async Task PurgeEnded_RemovesEndedRunsOnly()
    {
        await using var app = await StartAsync();
        var client = UseClient(app);
        var ended = "run-" + Guid.NewGuid().ToString("N");
        var running = "run-" + Guid.NewGuid().ToString("N");
        await client.StartAsync(Waits, ended, null);
        await client.StartAsync(Waits, running, null);
        await client.WaitForAsync(ended, s => s?.RuntimeStatus == WorkflowRuntimeStatus.Running);
        await client.TerminateAsync(ended);
        await client.WaitForEndAsync(ended, TimeSpan.FromSeconds(30));

        var purged = await client.PurgeEndedAsync(DateTimeOffset.UtcNow.AddMinutes(1));

        Assert.Equal(1, purged);
        Assert.Null(await client.GetStatusAsync(ended));
        Assert.NotNull(await client.GetStatusAsync(running));
    }

    [Fact]
    public void Client_WithoutTheInvocationsDurableClient_SaysWhatIsMissing()
    {
        var accessor = new DurableClientAccessor();

        var missing = Assert.Throws<InvalidOperationException>(() => accessor.Client);

        Assert.Contains("[DurableClient]", missing.Message, StringComparison.Ordinal);
    }

    private Task<FunctionsApp> StartAsync() => FunctionsApp.StartAsync(
        azurite,
        tasks => tasks.AddOrchestratorFunc<object?, string>(Waits, (context, _) => context.WaitForExternalEvent<string>("go")));

    /// <summary>The app's workflow port, with the invocation's client set as a function would set it.</summary>
    private static IWorkflowClient UseClient(FunctionsApp app)
    {
        app.Services.GetRequiredService<DurableClientAccessor>().Client = app.Durable;
        return app.Services.GetRequiredService<IWorkflowClient>();
    }
}
