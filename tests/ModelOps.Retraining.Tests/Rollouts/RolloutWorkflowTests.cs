using System.Collections.Concurrent;
using System.Diagnostics;
using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Rollouts;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Retraining.Tests.Rollouts;

/// <summary>Rollouts on the real Durable Task engine over Azurite, with live traffic through the real inference service.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RolloutWorkflowTests(AzuriteFixture azurite)
{
    private static readonly byte[] LogReg = Model("logreg.onnx");
    private static readonly byte[] Mlp = Model("mlp.onnx");

    [Fact]
    public async Task Canary_HealthyCandidate_PromotesAndRecordsEveryChange()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await ServeAsync(host, "canary", LogReg, LogReg);
        var started = await host.Rollouts.StartAsync("canary", Request(2, RolloutStrategy.Canary, percent: 50, bake: TimeSpan.FromSeconds(3)), "test");

        var (answers, failures) = await LoadUntilAsync(host, "canary", r => r.Status == RolloutStatus.Succeeded, started.Id);

        Assert.Equal(0, failures);
        Assert.Contains(1, answers.Keys);
        Assert.Contains(2, answers.Keys);
        Assert.Equal(2, (await host.Registry.ResolveAliasAsync("canary", ModelRegistry.ChampionAlias)).Version);
        Assert.Equal(100, (await host.Traffic.GetAsync("canary"))!.Policy.Weights[2]);
        var history = (await host.Traffic.HistoryAsync("canary", 10, null)).Changes;
        Assert.Equal([[2], [1, 2]], history.Select(c => c.Policy.Weights.Where(w => w.Value > 0).Select(w => w.Key).Order().ToArray()));
        Assert.All(history, c => Assert.Equal(started.Id, c.Rollout));
        var during = await host.Traffic.AtAsync("canary", history[1].At + TimeSpan.FromMilliseconds(1));
        Assert.Equal(50, during!.Policy.Weights[2]);
        Assert.Null(await host.Traffic.AtAsync("canary", history[1].At - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Canary_CandidateFailsEveryRequest_RollsBackWithTheNumbers()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await ServeAsync(host, "breach", LogReg, Mlp);
        var started = await host.Rollouts.StartAsync("breach", Request(2, RolloutStrategy.Canary, percent: 50, bake: TimeSpan.FromMinutes(5)), "test");
        var clock = Stopwatch.StartNew();

        var (_, failures) = await LoadUntilAsync(host, "breach", r => r.IsFinished, started.Id);
        var rollout = await host.Rollouts.GetAsync("breach", started.Id);

        Assert.Equal(RolloutStatus.RolledBack, rollout.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"rolled back after {clock.Elapsed}, bake time 5 min");
        Assert.Contains("errorRate", rollout.Reason, StringComparison.Ordinal);
        var breach = Assert.Single(rollout.Guardrails, g => g.Breached);
        Assert.Equal(1.0, breach.Candidate);
        Assert.Equal(0.0, breach.Baseline);
        Assert.True(failures > 0);
        Assert.Equal(100, (await host.Traffic.GetAsync("breach"))!.Policy.Weights[1]);
        Assert.Equal(1, (await host.Registry.ResolveAliasAsync("breach", ModelRegistry.ChampionAlias)).Version);
        Assert.Equal(1, (await InferAsync(host, "breach")).Version.Version);
    }

    [Fact]
    public async Task Commands_WhileRunning_ConflictsThenManualRollback()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await ServeAsync(host, "steer", LogReg, LogReg);
        var started = await host.Rollouts.StartAsync("steer", Request(2, RolloutStrategy.Linear, percent: 10, bake: TimeSpan.FromMinutes(5)), "test");
        await WaitForAsync(host, "steer", started.Id, r => r.CurrentPercent == 20);

        var second = await Assert.ThrowsAsync<ModelOpsException>(() => host.Rollouts.StartAsync("steer", Request(2, RolloutStrategy.Direct), "test"));
        var approve = await Assert.ThrowsAsync<ModelOpsException>(() => host.Rollouts.CommandAsync("steer", started.Id, RolloutActions.Approve, "test"));
        await host.Rollouts.CommandAsync("steer", started.Id, RolloutActions.Rollback, "test");
        var rolledBack = await WaitForAsync(host, "steer", started.Id, r => r.IsFinished);

        Assert.Equal(ErrorKind.Conflict, second.Kind);
        Assert.Equal(ErrorKind.Conflict, approve.Kind);
        Assert.Equal(RolloutStatus.RolledBack, rolledBack.Status);
        Assert.Equal([20, 40, 60, 80, 100], rolledBack.Steps.Select(s => s.Percent));
        Assert.Equal(100, (await host.Traffic.GetAsync("steer"))!.Policy.Weights[1]);
        var after = await host.Rollouts.StartAsync("steer", Request(2, RolloutStrategy.Direct), "test");
        Assert.Equal(RolloutStatus.Succeeded, (await WaitForAsync(host, "steer", after.Id, r => r.IsFinished)).Status);
        await Assert.ThrowsAsync<ModelOpsException>(() => host.Rollouts.CommandAsync("steer", after.Id, RolloutActions.Rollback, "test"));
    }

    [Fact]
    public async Task BlueGreen_MirrorStep_CandidateAnswersCopiesButOnlyTheBaselineReplies()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await ServeAsync(host, "bluegreen", LogReg, LogReg);
        var started = await host.Rollouts.StartAsync("bluegreen", Request(2, RolloutStrategy.BlueGreen, percent: 10, bake: TimeSpan.FromMinutes(5)), "test");
        await WaitForAsync(host, "bluegreen", started.Id, r => r.Steps[0].StartedAt is not null);

        var answers = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add((await InferAsync(host, "bluegreen")).Version.Version);
        }

        var traffic = host.Services.GetService(typeof(VersionTraffic)) as VersionTraffic;
        await PollAsync(() => traffic!.Snapshot().Any(c => c.Model == "bluegreen" && c.Version == 2 && c.Requests >= 30));
        Assert.All(answers, version => Assert.Equal(1, version));
        await host.Rollouts.CommandAsync("bluegreen", started.Id, RolloutActions.Promote, "test");
        Assert.Equal(RolloutStatus.Succeeded, (await WaitForAsync(host, "bluegreen", started.Id, r => r.IsFinished)).Status);
        Assert.Equal(2, (await InferAsync(host, "bluegreen")).Version.Version);
    }

    private static RolloutRequest Request(int version, RolloutStrategy strategy, int percent = 10, TimeSpan? bake = null) => new()
    {
        Version = version,
        Strategy = strategy,
        Percent = percent,
        BakeTime = bake ?? TimeSpan.FromSeconds(2),
        EvaluationInterval = TimeSpan.FromMilliseconds(500),
        // Latency is not what these tests are about: on two shared cores, with every request captured, a mirrored copy's
        // p99 can pass 1.5 times the baseline's plus 5 ms and roll a healthy candidate back.
        Guardrails = new GuardrailSettings { MinRequests = 5, LatencySlackMs = 1000 },
    };

    private static async Task ServeAsync(RetrainingHost host, string model, byte[] first, byte[] second)
    {
        await host.Registry.RegisterAsync(model, first, new ModelRegistration());
        await host.Registry.SetAliasAsync(model, ModelRegistry.ChampionAlias, 1, null);
        await host.Registry.RegisterAsync(model, second, new ModelRegistration());
    }

    private static Task<InferenceResult> InferAsync(RetrainingHost host, string model) =>
        host.Inference.InferAsync(new InferenceRequest(model, null, [new NamedValue("x", new Tensor(TensorElementType.Float32, [1, 30], new float[30]))]));

    /// <summary>Sends requests one after another until the rollout satisfies <paramref name="done"/>; counts answers by version and failures.</summary>
    private static async Task<(IReadOnlyDictionary<int, int> Answers, int Failures)> LoadUntilAsync(RetrainingHost host, string model, Func<Rollout, bool> done, string id)
    {
        var answers = new ConcurrentDictionary<int, int>();
        var failures = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    answers.AddOrUpdate((await InferAsync(host, model)).Version.Version, 1, (_, n) => n + 1);
                }
                catch (ModelOpsException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        });
        try
        {
            await WaitForAsync(host, model, id, done);
        }
        finally
        {
            await stop.CancelAsync();
            await load;
        }

        return (answers, failures);
    }

    private static async Task<Rollout> WaitForAsync(RetrainingHost host, string model, string id, Func<Rollout, bool> done)
    {
        Rollout? rollout = null;
        await PollAsync(async () => done(rollout = await host.Rollouts.GetAsync(model, id)));
        return rollout!;
    }

    private static Task PollAsync(Func<bool> condition) => PollAsync(() => Task.FromResult(condition()));

    private static async Task PollAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "The rollout did not get there within 90 s.");
            await Task.Delay(100);
        }
    }

    private static byte[] Model(string name) => File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", name));
}
