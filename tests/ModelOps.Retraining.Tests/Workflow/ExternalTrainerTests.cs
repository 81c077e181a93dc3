using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Workflow;

[Collection(AzuriteCollection.Name)]
public sealed class ExternalTrainerTests(AzuriteFixture azurite)
{
    private static TrainingConfiguration External(string mode, string trainer = RetrainingHost.PythonTrainer) => Datasets.BinaryConfiguration() with
    {
        Trainer = "external",
        ExternalTrainer = trainer,
        Parameters = new Dictionary<string, JsonElement> { ["mode"] = JsonSerializer.SerializeToElement(mode) },
    };

    [Fact]
    public async Task ExternalTrainer_WritesAModel_IsEvaluatedByThePlatformAndPromoted()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("ext", External("ok"), null);
        await host.DropAsync("ext", "a.csv", Datasets.Binary(400));

        var run = await host.RunAsync("ext", "a.csv");

        Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Completed, run.Failure?.ToString());
        var output = run.ReadOutput<RetrainingOutput>()!;
        Assert.Equal("external", output.Candidate!.Trainer);
        Assert.Equal(0.999, output.Candidate!.ReportedMetrics!["auc"].GetDouble());
        Assert.NotEqual(0.999, output.Evaluation!.Candidate["auc"]);
        Assert.True(output.Evaluation!.Candidate["auc"] > 0.8, $"auc {output.Evaluation!.Candidate["auc"]}");
        Assert.Equal("promoted", output.Outcome);
        Assert.Equal("external", (await host.Registry.GetVersionAsync("ext", 1)).Tags["trainer"]);
    }

    [Theory]
    [InlineData("exit", RetrainingHost.PythonTrainer, "exited with code 3")]
    [InlineData("hang", RetrainingHost.QuickPythonTrainer, "time limit")]
    [InlineData("nomodel", RetrainingHost.PythonTrainer, "no model.onnx")]
    [InlineData("badsig", RetrainingHost.PythonTrainer, "'not_a_column'")]
    public async Task ExternalTrainer_Failure_FailsTheRunAndLeavesTheChampion(string mode, string trainer, string expected)
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("extbad", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("extbad", "a.csv", Datasets.Binary(300));
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await host.RunAsync("extbad", "a.csv")).RuntimeStatus);
        await host.Configurations.PutAsync("extbad", External(mode, trainer), null);

        var run = await host.RunAsync("extbad", "a.csv");

        Assert.Equal(WorkflowRuntimeStatus.Failed, run.RuntimeStatus);
        Assert.Contains(expected, run.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal("TrainCandidate", run.ReadCustomStatus<RetrainingStatus>()!.FailedStep);
        Assert.Equal(1, run.Steps.Single(s => s.Name == "TrainCandidate").Attempts);
        Assert.Single(await host.Registry.ListVersionsAsync("extbad"));
        Assert.Equal(1, (await host.Registry.GetAliasAsync("extbad", ModelRegistry.ChampionAlias)).Version);
    }

    [Fact]
    public async Task PutConfiguration_UnknownExternalTrainer_IsInvalidNamingTheDeclaredOnes()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);

        var exception = await Assert.ThrowsAsync<ModelOpsException>(() => host.Configurations.PutAsync("extunknown", External("ok", "xgboost-gpu"), null));

        Assert.Equal(ErrorKind.InvalidInput, exception.Kind);
        Assert.Contains("'xgboost-gpu'", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"'{RetrainingHost.PythonTrainer}', '{RetrainingHost.QuickPythonTrainer}'", exception.Message, StringComparison.Ordinal);
        Assert.Null(await host.Configurations.GetAsync("extunknown"));
    }

    [Fact]
    public async Task PutConfiguration_DeclaredArgumentWithoutItsParameter_IsInvalid()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);

        var exception = await Assert.ThrowsAsync<ModelOpsException>(() =>
            host.Configurations.PutAsync("extnoparam", External("ok") with { Parameters = null }, null));

        Assert.Contains("parameter 'mode'", exception.Message, StringComparison.Ordinal);
    }
}
