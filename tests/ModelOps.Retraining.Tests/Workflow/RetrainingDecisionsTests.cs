using Microsoft.Extensions.DependencyInjection;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Workflow;

/// <summary>Runs that have nothing to do, and runs that must wait for a reviewer before they promote.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetrainingDecisionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SameDataAndConfigurationAgain_IsUnchangedAndRegistersNothing()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("same", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("same", "a.csv", Datasets.Binary(400));
        Assert.Equal(RetrainingOutcomes.Promoted, (await host.RunAsync("same", "a.csv")).ReadOutput<RetrainingOutput>()!.Outcome);

        // The same bytes under another name, and a schedule added: neither changes what would be trained.
        await host.DropAsync("same", "copy.csv", Datasets.Binary(400));
        await host.Configurations.PutAsync("same", Datasets.BinaryConfiguration() with { Schedule = "0 0 3 * * *" }, null);
        var run = await host.RunAsync("same", "copy.csv");

        var output = run.ReadOutput<RetrainingOutput>()!;
        Assert.Equal((RetrainingOutcomes.Unchanged, 1), (output.Outcome, output.Version));
        Assert.Null(output.Candidate);
        Assert.DoesNotContain(run.Steps, s => s.Name == TrainCandidateActivity.Name);
        Assert.Single(await host.Registry.ListVersionsAsync("same"));
    }

    [Fact]
    public async Task SameDataOtherTrainingConfiguration_TrainsAgain()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("reseed", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("reseed", "a.csv", Datasets.Binary(400));
        await host.RunAsync("reseed", "a.csv");
        await host.Configurations.PutAsync("reseed", Datasets.BinaryConfiguration() with { Seed = 7 }, null);

        var output = (await host.RunAsync("reseed", "a.csv")).ReadOutput<RetrainingOutput>()!;

        Assert.NotEqual(RetrainingOutcomes.Unchanged, output.Outcome);
        Assert.NotNull(output.Evaluation);
    }

    [Fact]
    public async Task ApprovalNotRequired_PromotedVersionIsApprovedWithTheDecisionAsReason()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("auto", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("auto", "a.csv", Datasets.Binary(400));

        var run = await host.RunAsync("auto", "a.csv");

        var version = await host.Registry.GetVersionAsync("auto", 1);
        Assert.Equal(ApprovalStatus.Approved, version.ApprovalStatus);
        Assert.Contains($"Promotion rule of run {run.Id}", version.ApprovalReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApprovalStatus.Approved, RetrainingOutcomes.Promoted)]
    [InlineData(ApprovalStatus.Rejected, RetrainingOutcomes.RejectedByReviewer)]
    public async Task ApprovalRequired_RunWaitsForTheReviewer(ApprovalStatus review, string outcome)
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        var model = review == ApprovalStatus.Approved ? "gated-ok" : "gated-no";
        await host.Registry.UpdateModelAsync(model, new ModelSettingsPatch { RequireApproval = true }, null);
        await host.Configurations.PutAsync(model, Datasets.BinaryConfiguration(), null);
        await host.DropAsync(model, "a.csv", Datasets.Binary(400));

        var id = await host.Retraining.StartManualAsync(model, "a.csv");
        var waiting = await host.Client.WaitForAsync(id, r => r?.ReadCustomStatus<RetrainingStatus>()?.Step == "WaitingForApproval", TimeSpan.FromMinutes(2));
        Assert.Equal(WorkflowRuntimeStatus.Running, waiting!.RuntimeStatus);
        Assert.Equal(ApprovalStatus.PendingManualApproval, (await host.Registry.GetVersionAsync(model, 1)).ApprovalStatus);
        Assert.ThrowsAny<Exception>(() => host.Registry.GetAliasAsync(model, ModelRegistry.ChampionAlias).GetAwaiter().GetResult());

        var reviewed = await host.Registry.UpdateVersionAsync(model, 1, new ModelVersionPatch { ApprovalStatus = review, ApprovalReason = "looked at it" }, null);
        await host.Services.GetRequiredService<ApprovalNotifier>().NotifyAsync(reviewed);
        var run = await host.WaitAsync(id, TimeSpan.FromSeconds(60));

        Assert.Equal(outcome, run.ReadOutput<RetrainingOutput>()!.Outcome);
        if (review == ApprovalStatus.Approved)
        {
            Assert.Equal(1, (await host.Registry.GetAliasAsync(model, ModelRegistry.ChampionAlias)).Version);
        }
        else
        {
            Assert.Single(await host.Registry.ListVersionsAsync(model));
        }
    }

    [Fact]
    public async Task ApprovalRequired_NoReviewerWithinTheTimeout_EndsWithoutPromoting()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Registry.UpdateModelAsync("nobody", new ModelSettingsPatch { RequireApproval = true }, null);
        await host.Configurations.PutAsync("nobody", Datasets.BinaryConfiguration() with { ApprovalTimeout = TimeSpan.FromSeconds(2) }, null);
        await host.DropAsync("nobody", "a.csv", Datasets.Binary(400));

        var output = (await host.RunAsync("nobody", "a.csv")).ReadOutput<RetrainingOutput>()!;

        Assert.Equal((RetrainingOutcomes.ApprovalTimedOut, 1), (output.Outcome, output.Version));
        Assert.Equal(ApprovalStatus.PendingManualApproval, (await host.Registry.GetVersionAsync("nobody", 1)).ApprovalStatus);
        await Assert.ThrowsAsync<ModelOps.Errors.ModelOpsException>(() => host.Registry.GetAliasAsync("nobody", ModelRegistry.ChampionAlias));
    }
}
