using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ModelOps.DurableTask;
using ModelOps.Functions.Http;
using ModelOps.Functions.Inference;
using ModelOps.Functions.Monitoring;
using ModelOps.Functions.Registry;
using ModelOps.Functions.Retraining;
using ModelOps.Functions.Tests.Support;
using ModelOps.Functions.Workflows;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Provisioning.Planning;
using ModelOps.Retraining;
using ModelOps.Rollouts;
using ModelOps.Storage;

namespace ModelOps.Functions.Tests;

/// <summary>What the Functions host will index: the functions.metadata (and its companions) the Sdk generated at build.</summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyDictionary<string, JsonElement> Functions = FunctionsAppOutput.Functions();

    [Fact]
    public void Build_GeneratesTheHostFiles_WithTheExtensionsTheTriggersNeed()
    {
        Assert.True(File.Exists(FunctionsAppOutput.PathOf("worker.config.json")));
        using var worker = JsonDocument.Parse(File.ReadAllText(FunctionsAppOutput.PathOf("worker.config.json")));
        Assert.Equal("dotnet-isolated", worker.RootElement.GetProperty("description").GetProperty("language").GetString());
        Assert.Equal("ModelOps.Functions.dll", worker.RootElement.GetProperty("description").GetProperty("defaultWorkerPath").GetString());

        using var extensions = JsonDocument.Parse(File.ReadAllText(FunctionsAppOutput.PathOf("extensions.json")));
        var names = extensions.RootElement.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("DurableTask", names);
        Assert.Contains("AzureStorageBlobs", names);
        Assert.Contains("AzureStorageQueues", names);
        Assert.All(
            extensions.RootElement.GetProperty("extensions").EnumerateArray(),
            e => Assert.True(File.Exists(FunctionsAppOutput.PathOf(e.GetProperty("hintPath").GetString()!)), e.GetProperty("hintPath").GetString()));
    }

    [Fact]
    public void Metadata_HttpFunctions_HaveTheirRoutesMethodsAndLevels()
    {
        (string Name, string Route, string[] Methods, string Level)[] expected =
        [
            (HttpFunctions.Health, "v2/health/{probe}", ["get"], "Anonymous"),
            (HttpFunctions.InferenceV2, "v2/{*path}", ["get", "post"], "Function"),
            (HttpFunctions.InferencePredict, "api/models/{model}/predict", ["post"], "Function"),
            (HttpFunctions.InferencePredictVersion, "api/models/{model}/versions/{version}/predict", ["post"], "Function"),
            (HttpFunctions.InferenceFeedback, "api/models/{model}/feedback", ["post"], "Function"),
            (HttpFunctions.Management, "api/{*path}", ["get", "post", "put", "patch", "delete"], "Admin"),
        ];
        foreach (var (name, route, methods, level) in expected)
        {
            var trigger = FunctionsAppOutput.Trigger(Functions[name]);
            Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
            Assert.Equal(route, trigger.GetProperty("route").GetString());
            Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            Assert.Equal(level, trigger.GetProperty("authLevel").GetString());
            Assert.Contains("Out:http", FunctionsAppOutput.BindingTypes(Functions[name]));
        }

        // Only the management function reaches runs, so only it takes the Durable client.
        Assert.Equal([HttpFunctions.Management], expected.Select(e => e.Name).Where(n => FunctionsAppOutput.BindingTypes(Functions[n]).Contains("In:durableClient")));
    }

    [Fact]
    public void Metadata_HttpRoutes_OverlapOnlyWhereTheSpecificRouteSortsFirstByName()
    {
        // Older Functions hosts try routes in the order of their functions' names; the more specific of two overlapping
        // routes must come first in that order too (newer hosts order by specificity).
        Assert.True(string.CompareOrdinal(HttpFunctions.Health, HttpFunctions.InferenceV2) < 0);
        Assert.True(string.CompareOrdinal(HttpFunctions.InferencePredict, HttpFunctions.Management) < 0);
        Assert.True(string.CompareOrdinal(HttpFunctions.InferencePredictVersion, HttpFunctions.Management) < 0);
        Assert.True(string.CompareOrdinal(HttpFunctions.InferenceFeedback, HttpFunctions.Management) < 0);
    }

    [Fact]
    public void Metadata_TrainingDataTrigger_IsAnEventGridBlobTriggerOnTheDataContainer()
    {
        var function = Functions[TrainingDataTrigger.Name];
        var trigger = FunctionsAppOutput.Trigger(function);
        Assert.Equal("blobTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal("training-data/{model}/{name}", trigger.GetProperty("path").GetString());
        Assert.Equal("EventGrid", trigger.GetProperty("source").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _), "the default connection, AzureWebJobsStorage");
        Assert.StartsWith(new StorageNames(string.Empty).TrainingDataContainer + "/", trigger.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Contains("In:durableClient", FunctionsAppOutput.BindingTypes(function));

        // The Event Grid subscription the infrastructure creates calls the blobs webhook with this function's name.
        Assert.Equal(DeploymentPlanner.TrainingDataFunction, TrainingDataTrigger.Name);
    }

    [Fact]
    public void Metadata_InferenceQueueTrigger_IsAQueueTriggerOnTheInferenceQueue()
    {
        var function = Functions[InferenceQueueTrigger.Name];
        var trigger = FunctionsAppOutput.Trigger(function);

        Assert.Equal("queueTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(new StorageNames(string.Empty).InferenceQueue, trigger.GetProperty("queueName").GetString());
        Assert.Equal("String", trigger.GetProperty("dataType").GetString());
        Assert.False(trigger.TryGetProperty("connection", out _), "the default connection, AzureWebJobsStorage");
        Assert.Equal(["In:queueTrigger"], FunctionsAppOutput.BindingTypes(function));
    }

    [Fact]
    public void HostJson_Queues_DecodeBase64AndPoisonAfterTheListenersDefault()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(FunctionsAppOutput.PathOf("host.json")));
        var queues = host.RootElement.GetProperty("extensions").GetProperty("queues");

        // The local listener follows the same rules: base64 messages (the extension's default) and the same poison count.
        Assert.False(queues.TryGetProperty("messageEncoding", out var encoding) && encoding.GetString() != "base64");
        Assert.Equal(new InferenceQueueOptions().MaxDequeueCount, queues.GetProperty("maxDequeueCount").GetInt32());
    }

    [Theory]
    [InlineData(ScheduleTimer.Name, "0 * * * * *")]
    [InlineData(RunPurgeTimer.Name, "0 0 * * * *")]
    [InlineData(MonitoringTimer.Name, "0 * * * * *")]
    public void Metadata_Timers_HaveTheirSchedulesAndTheDurableClient(string name, string schedule)
    {
        var trigger = FunctionsAppOutput.Trigger(Functions[name]);
        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(schedule, trigger.GetProperty("schedule").GetString());
        Assert.Contains("In:durableClient", FunctionsAppOutput.BindingTypes(Functions[name]));
    }

    [Fact]
    public void Metadata_RegistryRecovery_IsATimerThatAlsoRunsOnStartup()
    {
        var trigger = FunctionsAppOutput.Trigger(Functions[RegistryRecoveryTimer.Name]);

        Assert.Equal("timerTrigger", trigger.GetProperty("type").GetString());
        Assert.Equal(RegistryRecoveryTimer.Schedule, trigger.GetProperty("schedule").GetString());
        Assert.True(trigger.GetProperty("runOnStartup").GetBoolean());
    }

    [Fact]
    public void Metadata_DurableFunctions_AreExactlyTheTasksTheLocalEngineRegisters()
    {
        var registry = new DurableTaskRegistry().AddRetraining().AddBatchTransform().AddRollouts();
        var orchestrators = registry.GetOrchestrators().Select(o => o.Key.Name).Order(StringComparer.Ordinal);
        var activities = registry.GetActivities().Select(a => a.Key.Name).Order(StringComparer.Ordinal);

        Assert.Equal(orchestrators, Named("orchestrationTrigger"));
        Assert.Equal(activities, Named("activityTrigger"));
        Assert.Equal(orchestrators, FunctionEntryPoints.Triggered<OrchestrationTriggerAttribute>().Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.Equal(activities, FunctionEntryPoints.Triggered<ActivityTriggerAttribute>().Select(f => f.Name).Order(StringComparer.Ordinal));

        static IEnumerable<string> Named(string trigger) => Functions
            .Where(f => FunctionsAppOutput.Trigger(f.Value).GetProperty("type").GetString() == trigger)
            .Select(f => f.Key)
            .Order(StringComparer.Ordinal);
    }

    [Fact]
    public void Metadata_EveryFunction_IsOneOfTheKnownOnes()
    {
        string[] known =
        [
            "CheckApproval", "EvaluateCandidate", "PromoteCandidate", "RegisterCandidate", "Retraining", "TrainCandidate", "ValidateData",
            "ComparePredictions", "PrepareRollout", "RaiseRolloutAlert", "ReadLiveNumbers", "Rollout", "UpdateRollout",
            BatchTransformOrchestrator.Name, PlanBatchTransformActivity.Name, ScoreShardActivity.Name, WriteBatchOutputActivity.Name,
            InferenceQueueTrigger.Name,
            HttpFunctions.Health, HttpFunctions.InferenceFeedback, HttpFunctions.InferencePredict, HttpFunctions.InferencePredictVersion,
            HttpFunctions.InferenceV2, HttpFunctions.Management, MonitoringTimer.Name, RegistryRecoveryTimer.Name, ScheduleTimer.Name,
            RunPurgeTimer.Name, TrainingDataTrigger.Name,
        ];

        Assert.Equal(known.Order(StringComparer.Ordinal), Functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Functions.Keys.Order(StringComparer.Ordinal), FunctionEntryPoints.All.Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HostJson_TaskHub_IsTheLocalEnginesDefault()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(FunctionsAppOutput.PathOf("host.json")));
        var extensions = host.RootElement.GetProperty("extensions");
        Assert.Equal(new DurableEngineOptions().TaskHubName, extensions.GetProperty("durableTask").GetProperty("hubName").GetString());
        Assert.Equal(string.Empty, extensions.GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
