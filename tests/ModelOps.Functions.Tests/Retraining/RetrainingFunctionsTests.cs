using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using ModelOps.Functions.Retraining;
using ModelOps.Functions.Tests.Support;
using ModelOps.Retraining;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Retraining;

/// <summary>
/// Retraining through the Functions app's entry points only: configuration and data through the management function,
/// the blob trigger function, the orchestrator and activity functions run by the in-process Durable Task host (on
/// Azurite and ONNX Runtime), the run read back through the runs API, the new champion through the predict function.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RetrainingFunctionsTests(AzuriteFixture azurite)
{
    private static readonly byte[] Churn = File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "samples", "churn.csv"));

    private static readonly object Configuration = new
    {
        label = "churn",
        task = "binary",
        trainer = "logistic",
        holdoutFraction = 0.25,
        seed = 1,
        metric = "auc",
        promotion = new { minimum = 0.6, maxDrop = 0.01 },
    };

    [Fact]
    public async Task DataUpload_RunsTheOrchestrationThroughTheFunctions_RegistersAndPromotes()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var http = app.Http;
        (await HttpCall.SendJsonAsync(app, app.Management, "PUT", "/api/models/churn/training", Configuration)).Expect(200);

        var upload = (await HttpCall.SendAsync(app, app.Management, "PUT", "/api/models/churn/training-data/first.csv", Churn, "text/csv")).Expect(201).Json;
        var runUrl = upload.GetProperty("run").GetString()!;

        // The blob event Event Grid delivers for the same upload names the same run: nothing more starts.
        await app.Function<TrainingDataTrigger>().RunAsync(Blob(app, "churn/first.csv"), "churn", "first.csv", app.Durable, CancellationToken.None);

        var run = await RunsApi.WaitEndedAsync(app, runUrl);
        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText());
        Assert.Equal("blob", run.GetProperty("trigger").GetString());
        Assert.Equal("promoted", run.GetProperty("output").GetProperty("outcome").GetString());
        Assert.Equal(1, run.GetProperty("output").GetProperty("version").GetInt32());
        Assert.Equal("Done", run.GetProperty("customStatus").GetProperty("step").GetString());
        Assert.Equal(upload.GetProperty("etag").GetString(), run.GetProperty("input").GetProperty("dataETag").GetString());
        Assert.Equal("Promote", run.GetProperty("output").GetProperty("decision").GetProperty("outcome").GetString());

        // Steps come from the client's GetOrchestrationHistoryAsync, which the in-process host answers with no events
        // (its sidecar streams history to workers only); the history reading itself is RunHistory's, tested with the local engine.
        Assert.Equal(JsonValueKind.Array, run.GetProperty("steps").ValueKind);

        var runs = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/churn/runs")).Expect(200).Json;
        Assert.Single(runs.GetProperty("runs").EnumerateArray());
        var champion = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/churn/aliases/champion")).Expect(200).Json;
        Assert.Equal(1, champion.GetProperty("version").GetInt32());
        var version = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/churn/versions/1")).Expect(200).Json;
        Assert.Equal(runUrl["/api/runs/".Length..], version.GetProperty("tags").GetProperty("runId").GetString());

        var predicted = (await HttpCall.SendJsonAsync(app, http.InferencePredictAsync, "POST", "/api/models/churn/predict", new
        {
            rows = new object[]
            {
                new { tenure = 3, monthlyCharges = 95.5, supportCalls = 4, contract = "month-to-month", internetService = "fiber" },
                new { tenure = 60, monthlyCharges = 30.2, supportCalls = 0, contract = "two-year", internetService = "none" },
            },
        })).Expect(200).Json;
        Assert.Equal(1, predicted.GetProperty("version").GetInt32());
        Assert.All(predicted.GetProperty("predictions").EnumerateArray(), p => Assert.Contains(p.GetProperty("label").GetString(), new[] { "yes", "no" }));
    }

    [Fact]
    public async Task TrainingDataTrigger_SameBlobVersionDeliveredRepeatedly_StartsOneOrchestration()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        (await HttpCall.SendJsonAsync(app, app.Management, "PUT", "/api/models/dup/training", Configuration)).Expect(200);
        var blob = Blob(app, "dup/2026-12.csv");
        await blob.GetParentBlobContainerClient().CreateIfNotExistsAsync();
        var etag = (await blob.UploadAsync(BinaryData.FromBytes(Churn))).Value.ETag.ToString();
        var trigger = app.Function<TrainingDataTrigger>();

        // Event Grid delivers at least once: twice at the same moment, then once more after a while.
        await Task.WhenAll(
            trigger.RunAsync(blob, "dup", "2026-12.csv", app.Durable, CancellationToken.None),
            trigger.RunAsync(blob, "dup", "2026-12.csv", app.Durable, CancellationToken.None));
        var runId = RetrainingService.FileRunId("dup", "2026-12.csv", etag);
        await RunsApi.WaitEndedAsync(app, $"/api/runs/{runId}");
        await app.Function<TrainingDataTrigger>().RunAsync(blob, "dup", "2026-12.csv", app.Durable, CancellationToken.None);

        var instances = new List<OrchestrationMetadata>();
        await foreach (var instance in app.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "dup-" }))
        {
            instances.Add(instance);
        }

        Assert.Equal([runId], instances.Select(i => i.InstanceId));
        var runs = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/dup/runs")).Expect(200).Json;
        Assert.Equal([runId], runs.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        var versions = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/dup/versions")).Expect(200).Json;
        Assert.Single(versions.GetProperty("versions").EnumerateArray());
    }

    [Theory]
    [InlineData("Bad Model", "a.csv")]
    [InlineData("m", "notes.txt")]
    public async Task TrainingDataTrigger_NotTrainingData_StartsNothing(string model, string name)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        await app.Function<TrainingDataTrigger>().RunAsync(Blob(app, $"{model}/{name}"), model, name, app.Durable, CancellationToken.None);

        await foreach (var instance in app.Durable.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            Assert.Fail($"Started {instance.InstanceId}.");
        }
    }

    private static BlobClient Blob(FunctionsApp app, string name) =>
        new(app.ConnectionString, app.StorageNames.TrainingDataContainer, name);
}
