using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Rollouts;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Rollouts;

/// <summary>A retraining run of a model with a rollout configuration ends by starting that rollout instead of setting champion.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetrainingRolloutTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_ModelWithRolloutConfiguration_StartsTheRolloutAndItServes()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        var configuration = Datasets.BinaryConfiguration() with
        {
            Rollout = new RolloutSettings { Strategy = RolloutStrategy.Canary, Percent = 50, BakeTime = TimeSpan.FromSeconds(2), EvaluationInterval = TimeSpan.FromMilliseconds(500) },
        };
        await host.Configurations.PutAsync("rolled", configuration, null);
        await host.DropAsync("rolled", "first.csv", Datasets.Binary(600));

        var run = await host.RunAsync("rolled", "first.csv");

        Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Completed, run.Failure?.ToString());
        Assert.Equal(RetrainingOutcomes.RolloutStarted, run.ReadOutput<RetrainingOutput>()!.Outcome);
        var rollout = Assert.Single(await host.Rollouts.ListAsync("rolled"));
        Assert.Equal($"retraining:{run.Id}", rollout.CreatedBy);
        Assert.Equal(RolloutStrategy.Direct, rollout.Strategy);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await host.Rollouts.GetAsync("rolled", rollout.Id)).IsFinished)
        {
            Assert.True(DateTime.UtcNow < deadline, "The rollout did not end within 60 s.");
            await Task.Delay(100);
        }

        Assert.Equal(RolloutStatus.Succeeded, (await host.Rollouts.GetAsync("rolled", rollout.Id)).Status);
        Assert.Equal(1, (await host.Registry.ResolveAliasAsync("rolled", ModelRegistry.ChampionAlias)).Version);
    }

    [Fact]
    public void Validate_RolloutOutOfRange_InvalidNamingTheField()
    {
        var configuration = Datasets.BinaryConfiguration() with { Rollout = new RolloutSettings { Percent = 0 } };

        var error = Assert.Throws<ModelOps.Errors.ModelOpsException>(() => TrainingConfigurationValidator.Validate(configuration));

        Assert.StartsWith("'rollout': 'percent'", error.Message, StringComparison.Ordinal);
    }
}
