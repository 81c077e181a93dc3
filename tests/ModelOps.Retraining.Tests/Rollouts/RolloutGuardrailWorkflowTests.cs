using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Inference;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Settings;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Rollouts;
using ModelOps.Tensors;
using ModelOps.Testing;
using ModelOps.Training;

namespace ModelOps.Retraining.Tests.Rollouts;

/// <summary>
/// The prediction guardrails (distribution shift, live quality), breach alerts and approval waits of rollouts on the
/// real Durable Task engine over Azurite, with the hosts' clock moved by hand: bake times and approval timeouts of
/// minutes pass in one step, the engine's evaluation timers stay short and real.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RolloutGuardrailWorkflowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A classifier of <c>x1,x2</c> that says 1 when x1 &gt; -1.5 (the truth the labels tell): about 87 % ones.</summary>
    private static readonly Lazy<byte[]> Truthful = new(() => Train(x1 => x1 > -1.5));

    /// <summary>Says 1 when x1 &gt; 1.5: about 12 % ones, a large shift of the predicted label.</summary>
    private static readonly Lazy<byte[]> Rare = new(() => Train(x1 => x1 > 1.5));

    /// <summary>Says 1 when x1 &lt; 1.5: as many ones as <see cref="Truthful"/>, but wrong on a quarter of the inputs.</summary>
    private static readonly Lazy<byte[]> Backwards = new(() => Train(x1 => x1 < 1.5));

    [Fact]
    public async Task Canary_PredictionsShifted_RolledBackWithPsiOfBothSidesAndAlerted()
    {
        var clock = new ManualTimeProvider(Start);
        using var hook = new LoopbackWebhook();
        await using var host = await RetrainingHost.StartAsync(azurite, time: clock);
        await ServeAsync(host, "shift", Truthful.Value, Rare.Value);
        await host.Services.GetRequiredService<MonitoringSettingsService>().PutAsync("shift", new MonitoringSettings { Webhooks = [hook.Url] }, null);
        var started = await host.Rollouts.StartAsync("shift", Canary(new GuardrailSettings { MinRequests = 10, LatencySlackMs = 60_000 }), "test");
        await WaitForBakeAsync(host, "shift", started.Id);

        await SendAsync(host, "shift", 160, labels: false);
        clock.Advance(TimeSpan.FromMinutes(11));
        var rollout = await WaitForAsync(host, "shift", started.Id, r => r.IsFinished);

        Assert.Equal(RolloutStatus.RolledBack, rollout.Status);
        Assert.True(rollout.Reason?.Contains("predictionPsi", StringComparison.Ordinal), rollout.Reason);
        var breach = Assert.Single(rollout.Guardrails, g => g.Breached);
        Assert.Equal(Guardrails.PredictionPsi, breach.Metric);
        Assert.True(breach.Candidate > 0.2, $"PSI {breach.Candidate}");
        Assert.Equal(0.2, breach.Limit);
        Assert.True(breach.CandidateRequests >= 10 && breach.BaselineRequests >= 10, $"{breach.CandidateRequests} and {breach.BaselineRequests} predictions");
        Assert.Equal(100, (await host.Traffic.GetAsync("shift"))!.Policy.Weights[1]);

        await PollAsync(async () => (await host.Services.GetRequiredService<IAlertStore>().ListAsync("shift", 10, null)).Alerts.Any(a => a.Status == "sent"));
        var alert = Assert.Single((await host.Services.GetRequiredService<IAlertStore>().ListAsync("shift", 10, null)).Alerts);
        Assert.Equal(AlertKinds.Guardrail, alert.Kind);
        Assert.Equal(started.Id, alert.Rollout);
        Assert.Equal(2, alert.Version);
        await hook.WaitForAsync(1, TimeSpan.FromSeconds(30));
        using var payload = JsonDocument.Parse(Assert.Single(hook.Bodies));
        Assert.Equal("guardrail", payload.RootElement.GetProperty("kind").GetString());
        Assert.Equal("predictionPsi", payload.RootElement.GetProperty("guardrail").GetProperty("metric").GetString());
    }

    [Fact]
    public async Task Canary_CandidateWorseOnFeedbackLabels_RolledBackOnQuality()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await RetrainingHost.StartAsync(azurite, time: clock);
        await ServeAsync(host, "quality", Truthful.Value, Backwards.Value);
        var guardrails = new GuardrailSettings { MinRequests = 10, MinLabels = 10, MaxPsi = 5, QualityMetric = "accuracy", LatencySlackMs = 60_000 };
        var started = await host.Rollouts.StartAsync("quality", Canary(guardrails), "test");
        await WaitForBakeAsync(host, "quality", started.Id);

        await SendAsync(host, "quality", 160, labels: true);
        clock.Advance(TimeSpan.FromMinutes(11));
        var rollout = await WaitForAsync(host, "quality", started.Id, r => r.IsFinished);

        Assert.Equal(RolloutStatus.RolledBack, rollout.Status);
        var breach = Assert.Single(rollout.Guardrails, g => g.Breached);
        Assert.Equal(Guardrails.Quality, breach.Metric);
        Assert.Contains("accuracy", breach.Note, StringComparison.Ordinal);
        Assert.True(breach.Baseline > 0.95, $"baseline accuracy {breach.Baseline}");
        Assert.True(breach.Candidate < 0.9, $"candidate accuracy {breach.Candidate}");
        Assert.True(breach.CandidateRequests >= 10 && breach.BaselineRequests >= 10);
        Assert.Contains("quality", rollout.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(rollout.Guardrails, g => g.Metric == Guardrails.PredictionPsi && (g.Breached || g.Skipped));
    }

    [Fact]
    public async Task Canary_SamePredictionsNoLabels_ProceedsWithPsiJudgedAndQualitySkipped()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await RetrainingHost.StartAsync(azurite, time: clock);
        await ServeAsync(host, "healthy", Truthful.Value, Truthful.Value);
        var started = await host.Rollouts.StartAsync("healthy", Canary(new GuardrailSettings { MinRequests = 10, LatencySlackMs = 60_000 }), "test");
        await WaitForBakeAsync(host, "healthy", started.Id);

        await SendAsync(host, "healthy", 160, labels: false);
        clock.Advance(TimeSpan.FromMinutes(11));
        var rollout = await WaitForAsync(host, "healthy", started.Id, r => r.IsFinished);

        Assert.Equal(RolloutStatus.Succeeded, rollout.Status);
        var psi = Assert.Single(rollout.Guardrails, g => g.Metric == Guardrails.PredictionPsi);
        Assert.False(psi.Skipped, psi.Note);
        Assert.False(psi.Breached);
        Assert.True(psi.Candidate < 0.2, $"PSI {psi.Candidate}");
        var quality = Assert.Single(rollout.Guardrails, g => g.Metric == Guardrails.Quality);
        Assert.True(quality.Skipped);
        Assert.StartsWith("No labels", quality.Note, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Registry.ResolveAliasAsync("healthy", ModelRegistry.ChampionAlias)).Version);
    }

    [Fact]
    public async Task Start_RequestWithoutGuardrails_UsesTheModelsConfiguredOnes()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await ServeAsync(host, "configured", Truthful.Value, Truthful.Value);
        var own = new GuardrailSettings { MaxPsi = 0.05, QualityMetric = "accuracy", MinLabels = 100 };
        await host.Configurations.PutAsync("configured", Datasets.BinaryConfiguration() with { Rollout = new RolloutSettings { Guardrails = own } }, null);

        var started = await host.Rollouts.StartAsync("configured", new RolloutRequest { Version = 2, Strategy = RolloutStrategy.Canary }, "test");
        await host.Rollouts.CommandAsync("configured", started.Id, RolloutActions.Abort, "test");

        Assert.Equal(own, started.GuardrailSettings);
    }

    [Fact]
    public async Task Approval_PendingVersion_WaitsUntilApprovedThenProceeds()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await RetrainingHost.StartAsync(azurite, time: clock, rollouts: o => o.ApprovalTimeout = TimeSpan.FromMinutes(1));
        await ServeAwaitingApprovalAsync(host, "approve");
        var started = await host.Rollouts.StartAsync("approve", Direct(), "test");

        var waiting = await WaitForAsync(host, "approve", started.Id, r => r.Status == RolloutStatus.WaitingForApproval);
        clock.Advance(TimeSpan.FromSeconds(30));
        await host.Rollouts.CommandAsync("approve", started.Id, RolloutActions.Approve, "reviewer");
        var done = await WaitForAsync(host, "approve", started.Id, r => r.IsFinished);

        Assert.Equal(RolloutStatus.WaitingForApproval, waiting.Status);
        Assert.Equal(RolloutStatus.Succeeded, done.Status);
        Assert.Equal(ApprovalStatus.Approved, (await host.Registry.GetVersionAsync("approve", 2)).ApprovalStatus);
        Assert.Equal(100, (await host.Traffic.GetAsync("approve"))!.Policy.Weights[2]);
    }

    [Fact]
    public async Task Approval_NoApprovalBeforeTheTimeout_AbortedWithTheReason()
    {
        var clock = new ManualTimeProvider(Start);
        await using var host = await RetrainingHost.StartAsync(azurite, time: clock, rollouts: o => o.ApprovalTimeout = TimeSpan.FromMinutes(1));
        await ServeAwaitingApprovalAsync(host, "timeout");
        var started = await host.Rollouts.StartAsync("timeout", Direct(), "test");
        var waiting = await WaitForAsync(host, "timeout", started.Id, r => r.Status == RolloutStatus.WaitingForApproval);

        clock.Advance(TimeSpan.FromMinutes(2));
        var rollout = await WaitForAsync(host, "timeout", started.Id, r => r.IsFinished);

        Assert.Equal("The version awaits approval.", waiting.Reason);
        Assert.Equal(RolloutStatus.Aborted, rollout.Status);
        Assert.Contains("No approval came before the timeout", rollout.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await host.Registry.ResolveAliasAsync("timeout", ModelRegistry.ChampionAlias)).Version);
        Assert.Equal(ApprovalStatus.PendingManualApproval, (await host.Registry.GetVersionAsync("timeout", 2)).ApprovalStatus);
    }

    private static RolloutRequest Canary(GuardrailSettings guardrails) => new()
    {
        Version = 2,
        Strategy = RolloutStrategy.Canary,
        Percent = 50,
        BakeTime = TimeSpan.FromMinutes(10),
        EvaluationInterval = TimeSpan.FromMilliseconds(200),
        Guardrails = guardrails,
    };

    private static RolloutRequest Direct() => new() { Version = 2, Strategy = RolloutStrategy.Direct, EvaluationInterval = TimeSpan.FromMilliseconds(200) };

    private static async Task ServeAsync(RetrainingHost host, string model, byte[] first, byte[] second)
    {
        await host.Registry.RegisterAsync(model, first, new ModelRegistration());
        await host.Registry.SetAliasAsync(model, ModelRegistry.ChampionAlias, 1, null);
        await host.Registry.RegisterAsync(model, second, new ModelRegistration());
    }

    private static async Task ServeAwaitingApprovalAsync(RetrainingHost host, string model)
    {
        await host.Registry.RegisterAsync(model, Truthful.Value, new ModelRegistration { ApprovalStatus = ApprovalStatus.Approved });
        await host.Registry.SetAliasAsync(model, ModelRegistry.ChampionAlias, 1, null);
        await host.Registry.UpdateModelAsync(model, new ModelSettingsPatch { RequireApproval = true }, null);
        await host.Registry.RegisterAsync(model, Truthful.Value, new ModelRegistration { ApprovalStatus = ApprovalStatus.PendingManualApproval });
    }

    /// <summary>
    /// Sends <paramref name="count"/> single-row requests with ids over x1 in [-2, 2] (the policy splits them), and with
    /// <paramref name="labels"/> the true label of each as feedback.
    /// </summary>
    private static async Task SendAsync(RetrainingHost host, string model, int count, bool labels)
    {
        var random = new Random(11);
        var feedback = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            var x1 = (float)((random.NextDouble() * 4) - 2);
            var x2 = (float)((random.NextDouble() * 4) - 2);
            var id = string.Create(CultureInfo.InvariantCulture, $"{model}-{i}");
            await host.Inference.InferAsync(new InferenceRequest(
                model,
                null,
                [new NamedValue("x1", Tensor.Create([x1], 1, 1)), new NamedValue("x2", Tensor.Create([x2], 1, 1))],
                Id: id));
            feedback.Append(CultureInfo.InvariantCulture, $"{(i > 0 ? "," : string.Empty)}{{\"id\":\"{id}\",\"label\":{(x1 > -1.5 ? 1 : 0)}}}");
        }

        if (labels)
        {
            using var body = JsonDocument.Parse(feedback.Append(']').ToString());
            var result = await host.Services.GetRequiredService<FeedbackService>().AddAsync(model, body.RootElement);
            Assert.Equal(count, result.Accepted);
        }
    }

    private static byte[] Train(Func<double, bool> label)
    {
        var random = new Random(5);
        var csv = new StringBuilder("x1,x2,y\n");
        for (var i = 0; i < 600; i++)
        {
            var x1 = (random.NextDouble() * 4) - 2;
            var x2 = (random.NextDouble() * 4) - 2;
            csv.Append(CultureInfo.InvariantCulture, $"{x1:0.####},{x2:0.####},{(label(x1) ? 1 : 0)}\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"modelops-guardrails-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, csv.ToString());
        try
        {
            return TrainerCatalog.TrainFromCsv(path, "logistic", new TrainingRequest("y", TrainingTask.Classification)).ExportOnnx();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Waits until the first step's bake has begun: its first read of the live numbers (which carries the hosts' clock
    /// the bake time is measured on) has completed, so traffic sent from now on falls within the step.
    /// </summary>
    private static Task WaitForBakeAsync(RetrainingHost host, string model, string id) =>
        PollAsync(async () => (await host.Client.GetStatusAsync(RolloutService.InstanceId(model, id)))?.Steps
            .Any(s => s.Name == ReadLiveNumbersActivity.Name && s.Status == ModelOps.Workflows.WorkflowStepStatus.Completed) == true);

    private static async Task<Rollout> WaitForAsync(RetrainingHost host, string model, string id, Func<Rollout, bool> done)
    {
        Rollout? rollout = null;
        string? workflow = null;
        await PollAsync(
            async () =>
            {
                rollout = await host.Rollouts.GetAsync(model, id);
                workflow = JsonSerializer.Serialize(await host.Client.GetStatusAsync(RolloutService.InstanceId(model, id)));
                return done(rollout);
            },
            () => JsonSerializer.Serialize(rollout) + " " + workflow);
        return rollout!;
    }

    private static async Task PollAsync(Func<Task<bool>> condition, Func<string>? state = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "Not there within 90 s: " + state?.Invoke());
            await Task.Delay(100);
        }
    }
}
