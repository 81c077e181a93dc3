using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Registry;
using ModelOps.Retraining.Tests.Support;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Workflow;

[Collection(AzuriteCollection.Name)]
public sealed class RetrainingWorkflowTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Run_GeneratedBinaryData_RegistersWithLineageAndPromotes()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("churn", Datasets.BinaryConfiguration(), null);
        var blob = await host.DropAsync("churn", "2026-11.csv", Datasets.Binary(600));

        var run = await host.RunAsync("churn", "2026-11.csv");

        Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Completed, run.Failure?.ToString());
        var output = run.ReadOutput<RetrainingOutput>()!;
        Assert.Equal("promoted", output.Outcome);
        Assert.Equal(1, output.Version);
        Assert.True(output.Evaluation!.Candidate["auc"] > 0.85, $"auc {output.Evaluation!.Candidate["auc"]}");
        Assert.Null(output.Evaluation!.ChampionVersion);
        Assert.Equal(150, output.Evaluation!.HoldoutRows);
        Assert.Equal(["ValidateData", "TrainCandidate", "EvaluateCandidate", "RegisterCandidate", "PromoteCandidate"], run.Steps.Select(s => s.Name));
        Assert.All(run.Steps, s => Assert.Equal(WorkflowStepStatus.Completed, s.Status));
        Assert.Equal("Done", run.ReadCustomStatus<RetrainingStatus>()!.Step);
        Assert.Equal("manual", run.Tags["trigger"]);

        var version = await host.Registry.GetVersionAsync("churn", 1);
        Assert.Equal(run.Id, version.Tags["runId"]);
        Assert.Equal($"{host.StorageNames.TrainingDataContainer}/churn/2026-11.csv", version.Tags["dataUri"]);
        Assert.Equal(output.Data.Sha256, version.Tags["dataSha256"]);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Datasets.Binary(600)))), version.Tags["dataSha256"]);
        Assert.Equal("logistic", version.Tags["trainer"]);
        Assert.False(string.IsNullOrEmpty(version.Tags["codeVersion"]));
        Assert.Equal(output.Evaluation!.Candidate["auc"], version.Metrics["auc"]);
        Assert.Equal(1, (await host.Registry.GetAliasAsync("churn", ModelRegistry.ChampionAlias)).Version);
        Assert.NotNull(await host.ReadBaselineAsync("churn", 1, "schema.json"));
        Assert.NotNull(await host.ReadBaselineAsync("churn", 1, "statistics.json"));
        Assert.NotNull(await host.ReadReportAsync("churn", run.Id, "evaluation.json"));
        Assert.Equal(blob.ETag, run.ReadInput().GetProperty("dataETag").GetString());
    }

    [Fact]
    public async Task Run_SecondRun_ScoresChampionOnTheSameRowsAndRecordsTheDecision()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("m", Datasets.BinaryConfiguration() with { Promotion = new PromotionSettings { Minimum = 0.7, MaxDrop = 0 } }, null);
        await host.DropAsync("m", "a.csv", Datasets.Binary(500));
        var first = await host.RunAsync("m", "a.csv");
        Assert.Equal(WorkflowRuntimeStatus.Completed, first.RuntimeStatus);

        // The same data, the features now named explicitly (the same ones): a new configuration, so the run trains, and
        // the candidate equals the champion on the same rows. A tie does not replace the champion...
        var explicitFeatures = Datasets.BinaryConfiguration() with { Features = ["x1", "x2", "color"], Promotion = new PromotionSettings { Minimum = 0.7, MaxDrop = 0 } };
        await host.Configurations.PutAsync("m", explicitFeatures, null);
        var tie = (await host.RunAsync("m", "a.csv")).ReadOutput<RetrainingOutput>()!;
        Assert.Equal(1, tie.Evaluation!.ChampionVersion);
        Assert.Equal(tie.Evaluation!.Candidate["auc"], tie.Evaluation!.Champion!["auc"]);
        Assert.Equal(RetrainingOutcomes.Rejected, tie.Outcome);
        Assert.Contains("ties the champion", tie.Decision!.Reason, StringComparison.Ordinal);

        // ... unless the configuration says ties promote.
        await host.Configurations.PutAsync("m", explicitFeatures with { Promotion = explicitFeatures.Promotion with { PromoteOnTie = true } }, null);
        var second = await host.RunAsync("m", "a.csv");
        var output = second.ReadOutput<RetrainingOutput>()!;
        Assert.Equal(output.Evaluation!.Candidate["auc"], output.Decision!.CandidateValue);
        Assert.Equal(output.Decision!.CandidateValue, output.Decision!.ChampionValue);
        Assert.Equal("promoted", output.Outcome);
        Assert.Equal(2, output.Version);

        // Noisier data gives a worse candidate: rejected, nothing registered, the champion stays.
        await host.DropAsync("m", "b.csv", Datasets.Binary(500, seed: 8, noise: 3));
        var third = await host.RunAsync("m", "b.csv");
        var rejected = third.ReadOutput<RetrainingOutput>()!;
        Assert.Equal(WorkflowRuntimeStatus.Completed, third.RuntimeStatus);
        Assert.Equal("rejected", rejected.Outcome);
        Assert.Equal("Reject", rejected.Decision!.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Decision!.Reason));
        Assert.Equal(["ValidateData", "TrainCandidate", "EvaluateCandidate"], third.Steps.Select(s => s.Name));
        Assert.Equal(2, (await host.Registry.ListVersionsAsync("m")).Count);
        Assert.Equal(2, (await host.Registry.GetAliasAsync("m", ModelRegistry.ChampionAlias)).Version);
    }

    [Fact]
    public async Task Run_IrisWithGbt_TrainsAMulticlassChampion()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        var iris = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "tabular", "pycaret_iris.csv"));
        await host.Configurations.PutAsync("iris", new TrainingConfiguration
        {
            Label = "species",
            Task = TaskNames.Multiclass,
            Trainer = "gbt",
            Parameters = new Dictionary<string, JsonElement> { ["learningRate"] = JsonSerializer.SerializeToElement(0.1) },
            HoldoutFraction = 0.3,
            Seed = 3,
            Metric = "accuracy",
            Promotion = new PromotionSettings { Minimum = 0.85 },
        }, null);
        await host.DropAsync("iris", "iris.csv", iris);

        var run = await host.RunAsync("iris", "iris.csv");

        Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Completed, run.Failure?.ToString());
        var output = run.ReadOutput<RetrainingOutput>()!;
        Assert.Equal("promoted", output.Outcome);
        Assert.Equal(45, output.Evaluation!.HoldoutRows);
        Assert.True(output.Evaluation!.Candidate["accuracy"] >= 0.85);
        Assert.Equal(["accuracy", "auc", "f1", "logLoss", "prAuc", "precision", "recall"], output.Evaluation!.Candidate.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_BreastCancerFileWithCommentsAndNoHeader_TrainsAGoodClassifier()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        var data = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.SharedData, "tabular", "mlnet_breast-cancer.txt"));
        await host.Configurations.PutAsync("cancer", new TrainingConfiguration
        {
            Label = "Column1",
            Task = TaskNames.Binary,
            Trainer = "logistic",
            Metric = "auc",
            Promotion = new PromotionSettings { Minimum = 0.95 },
        }, null);
        await host.DropAsync("cancer", "cancer.csv", data);

        var run = await host.RunAsync("cancer", "cancer.csv");

        Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Completed, run.Failure?.ToString());
        var output = run.ReadOutput<RetrainingOutput>()!;
        Assert.Equal(699, output.Data.Rows);
        Assert.Equal(9, output.Data.Features.Count);
        Assert.True(output.Evaluation!.Candidate["auc"] > 0.95, $"auc {output.Evaluation!.Candidate["auc"]}");
        Assert.Equal("promoted", output.Outcome);
    }

    [Fact]
    public async Task Run_BadInputs_FailWithAReportAndTheChampionKeepsServing()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("bad", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("bad", "good.csv", Datasets.Binary(400));
        Assert.Equal(WorkflowRuntimeStatus.Completed, (await host.RunAsync("bad", "good.csv")).RuntimeStatus);
        var good = Datasets.Binary(400, seed: 9);
        var lines = good.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var numericText = string.Join('\n', lines.Select((l, i) => i > 0 && i % 10 == 0 ? "abc" + l[l.IndexOf(',', StringComparison.Ordinal)..] : l)) + "\n";
        var cases = new (string Name, byte[] Content, string Expected)[]
        {
            ("empty.csv", [], "empty"),
            ("header.csv", Encoding.UTF8.GetBytes("x1,x2,color,y\n"), "no rows"),
            ("ragged.csv", Encoding.UTF8.GetBytes(good + "1,2\n"), "field"),
            ("latin1.csv", [.. Encoding.UTF8.GetBytes(good), .. new byte[] { 0x31, 0x2C, 0x32, 0x2C, 0xE9, 0x74, 0xE9, 0x2C, 0x31, 0x0A }], "UTF-8"),
            ("nolabel.csv", Encoding.UTF8.GetBytes(good.Replace("x1,x2,color,y", "x1,x2,color,target", StringComparison.Ordinal)), "'y'"),
            ("oneclass.csv", Encoding.UTF8.GetBytes(string.Join('\n', lines.Select((l, i) => i == 0 ? l : l[..l.LastIndexOf(',')] + ",1")) + "\n"), "class"),
            ("text.csv", Encoding.UTF8.GetBytes(numericText), "x1"),
        };

        foreach (var (name, content, expected) in cases)
        {
            await host.DropAsync("bad", name, content);
            var run = await host.RunAsync("bad", name);

            Assert.True(run.RuntimeStatus == WorkflowRuntimeStatus.Failed, $"{name}: {run.RuntimeStatus}");
            var message = run.Failure!.Message;
            Assert.True(message.Contains(expected, StringComparison.OrdinalIgnoreCase), $"{name}: {message}");
            Assert.Contains("report", message, StringComparison.Ordinal);
            Assert.Equal("ValidateData", run.ReadCustomStatus<RetrainingStatus>()!.FailedStep);
            var report = await host.ReadReportAsync("bad", run.Id, "validation.json");
            Assert.NotNull(report);
            Assert.Contains("failed", Encoding.UTF8.GetString(report!), StringComparison.Ordinal);
        }

        Assert.Single(await host.Registry.ListVersionsAsync("bad"));
        Assert.Equal(1, (await host.Registry.GetAliasAsync("bad", ModelRegistry.ChampionAlias)).Version);
    }

    [Fact]
    public async Task Register_ReRunAfterACrash_NeverRegistersASecondVersion()
    {
        await using var host = await RetrainingHost.StartAsync(azurite);
        await host.Configurations.PutAsync("once", Datasets.BinaryConfiguration(), null);
        await host.DropAsync("once", "a.csv", Datasets.Binary(300));
        var run = await host.RunAsync("once", "a.csv");
        var output = run.ReadOutput<RetrainingOutput>()!;
        var input = run.ReadInput<RetrainingInput>()!;
        var register = host.Activity<RegisterCandidateActivity>();
        var request = new StepRequest { Run = input, Data = output.Data, Candidate = output.Candidate, Evaluation = output.Evaluation };

        // The activity executed again with the same run (a host died after it registered): the marker answers.
        var again = await register.RunAsync(new TestActivityContext(RegisterCandidateActivity.Name, run.Id), request, CancellationToken.None);
        Assert.Equal(1, again.Version);

        // The host died after registering but before writing the marker: the version's runId tag answers.
        var retraining = host.Services.GetRequiredService<StorageAccount>().Tables.GetTableClient(host.StorageNames.RetrainingTable);
        Assert.Equal(204, (await retraining.DeleteEntityAsync("once", $"registered-{run.Id}")).Status);
        var recovered = await register.RunAsync(new TestActivityContext(RegisterCandidateActivity.Name, run.Id), request, CancellationToken.None);
        Assert.Equal(1, recovered.Version);

        Assert.Single(await host.Registry.ListVersionsAsync("once"));
    }
}
