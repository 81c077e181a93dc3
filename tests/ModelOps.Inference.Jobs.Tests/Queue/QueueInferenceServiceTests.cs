using System.Text.Json;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Inference.Jobs.Tests.Support;
using ModelOps.Registry;
using ModelOps.Testing;

namespace ModelOps.Inference.Jobs.Tests.Queue;

/// <summary>
/// The one method both hosts' queue triggers call, against a real Azurite and ONNX Runtime: what each message yields,
/// and that a bad one yields a Failed result (or a poison copy) and nothing else.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueInferenceServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private JobsHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await JobsHost.StartAsync(azurite);
        await _host.Registry.RegisterAsync("churn", TrainedModels.GradientBoosted, new ModelRegistration());
        await _host.Registry.RegisterAsync("mlp", File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", "mlp.onnx")), new ModelRegistration());
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task HandleAsync_OpenInferenceProtocolInputs_WritesOutputsUnderTheId()
    {
        var outcome = await _host.Queue.HandleAsync(Message("a1", "mlp", """
            "inputs":[{"name":"x","shape":[2,20],"datatype":"FP32","data":[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}]
            """));

        Assert.Equal(QueuedInferenceOutcome.Succeeded, outcome);
        var result = await ResultAsync("mlp", "a1");
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal("a1", result.GetProperty("id").GetString());
        Assert.Equal(1, result.GetProperty("version").GetInt32());
        var output = result.GetProperty("outputs")[0];
        Assert.Equal("logits", output.GetProperty("name").GetString());
        Assert.Equal([2, 3], output.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.True(result.TryGetProperty("completedAt", out _));
    }

    [Fact]
    public async Task HandleAsync_Rows_WritesPredictionsAsPredictAnswers()
    {
        var outcome = await _host.Queue.HandleAsync(Message("r1", "churn", """
            "version":1,"rows":[{"x1":1.8,"x2":-1.5,"color":"red"},{"x1":-1.9,"x2":1.7,"color":"blue"}]
            """));

        Assert.Equal(QueuedInferenceOutcome.Succeeded, outcome);
        var predictions = (await ResultAsync("churn", "r1")).GetProperty("predictions");
        Assert.Equal("1", predictions[0].GetProperty("label").ToString());
        Assert.Equal("0", predictions[1].GetProperty("label").ToString());
        Assert.True(predictions[0].GetProperty("probabilities").GetProperty("1").GetDouble() > 0.5);
    }

    [Fact]
    public async Task HandleAsync_SameIdTwice_OneResult()
    {
        var message = Message("twice", "churn", """ "rows":[{"x1":1,"x2":1,"color":"red"}] """);
        Assert.Equal(QueuedInferenceOutcome.Succeeded, await _host.Queue.HandleAsync(message));
        var first = await _host.ReadAsync("inference-results", "churn/twice.json");

        var again = await _host.Queue.HandleAsync(Message("twice", "churn", """ "rows":[{"x1":-1,"x2":1,"color":"blue"}] """));

        Assert.Equal(QueuedInferenceOutcome.Duplicate, again);
        Assert.Equal(first, await _host.ReadAsync("inference-results", "churn/twice.json"));
    }

    [Fact]
    public async Task HandleAsync_InputBlob_ReadsTheRequestFromIt()
    {
        await _host.UploadAsync("batch-input", "requests/big.json", """{"instances":[[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]]}""");

        var outcome = await _host.Queue.HandleAsync(Message("blob1", "mlp", """ "inputBlob":"batch-input/requests/big.json" """));

        Assert.Equal(QueuedInferenceOutcome.Succeeded, outcome);
        Assert.Equal(3, (await ResultAsync("mlp", "blob1")).GetProperty("predictions")[0].GetArrayLength());
    }

    [Fact]
    public async Task HandleAsync_OutputBlobInAnAllowedContainer_WritesThereOnly()
    {
        var outcome = await _host.Queue.HandleAsync(Message("o1", "churn", """ "rows":[{"x1":1,"x2":1,"color":"red"}],"outputBlob":"batch-output/answers/o1.json" """));

        Assert.Equal(QueuedInferenceOutcome.Succeeded, outcome);
        Assert.Contains("Succeeded", await _host.ReadAsync("batch-output", "answers/o1.json"));
        Assert.Null(await _host.ReadAsync("inference-results", "churn/o1.json"));
    }

    [Theory]
    [InlineData("unknown-model", "nosuchmodel", """ "rows":[{"x1":1}] """, "nosuchmodel")]
    [InlineData("unknown-version", "churn", """ "version":9,"rows":[{"x1":1,"x2":1,"color":"red"}] """, "9")]
    [InlineData("bad-version", "churn", """ "version":"two","rows":[{"x1":1}] """, "'version'")]
    [InlineData("wrong-shape", "mlp", """ "inputs":[{"name":"x","shape":[1,3],"datatype":"FP32","data":[1,2,3]}] """, "dimension 1 must be 20")]
    [InlineData("wrong-type", "mlp", """ "inputs":[{"name":"x","shape":[1,20],"datatype":"INT64","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}] """, "'x'")]
    [InlineData("unknown-input", "churn", """ "rows":[{"x1":1,"x2":1,"colour":"red"}] """, "'colour'")]
    [InlineData("no-inputs", "churn", """ "version":1 """, "'inputs'")]
    [InlineData("two-forms", "mlp", """ "rows":[{"x":[1]}],"instances":[[1]] """, "exactly one")]
    [InlineData("missing-input-blob", "mlp", """ "inputBlob":"batch-input/requests/none.json" """, "does not exist")]
    [InlineData("input-blob-outside", "mlp", """ "inputBlob":"models/mlp/1/model.onnx" """, "'batch-input/'")]
    [InlineData("output-outside", "churn", """ "rows":[{"x1":1,"x2":1,"color":"red"}],"outputBlob":"models/churn/evil.json" """, "'inference-results/', 'batch-output/'")]
    [InlineData("output-dotdot", "churn", """ "rows":[{"x1":1,"x2":1,"color":"red"}],"outputBlob":"batch-output/../models/x.json" """, "'..'")]
    public async Task HandleAsync_BadRequest_FailedResultAtTheDefaultPlaceAndNothingElse(string id, string model, string body, string reason)
    {
        var outcome = await _host.Queue.HandleAsync(Message(id, model, body));

        Assert.Equal(QueuedInferenceOutcome.Failed, outcome);
        var result = await ResultAsync(model, id);
        Assert.Equal("Failed", result.GetProperty("status").GetString());
        Assert.Contains(reason, result.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(result.TryGetProperty("outputs", out _) || result.TryGetProperty("predictions", out _));
        Assert.Equal([$"{model}/{id}.json"], await _host.ListAsync("inference-results", $"{model}/{id}"));
        Assert.Empty(await _host.ListAsync("batch-output", "models"));
        Assert.Empty(await _host.PeekAsync(poison: true));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"model":"churn","rows":[]}""")]
    [InlineData("""{"id":"../escape","model":"churn","rows":[]}""")]
    [InlineData("""{"id":"ok1","model":"../models","rows":[]}""")]
    [InlineData("""{"id":42,"model":"churn"}""")]
    [InlineData("""{"id":"dup1","model":"churn","id":"dup2","rows":[]}""")]
    public async Task HandleAsync_NoPlaceForAResult_CopiedToPoisonAndNothingWritten(string text)
    {
        await using var host = await JobsHost.StartAsync(azurite);

        var outcome = await host.Queue.HandleAsync(text);

        Assert.Equal(QueuedInferenceOutcome.Rejected, outcome);
        Assert.Equal([JobsHost.Base64(text)], await host.PeekAsync(poison: true));
        Assert.Empty(await host.ListAsync("inference-results", string.Empty));
    }

    [Fact]
    public async Task GetResultAsync_BeforeAndAfter_NotFoundThenTheResult()
    {
        var missing = await Assert.ThrowsAsync<Errors.ModelOpsException>(() => _host.Queue.GetResultAsync("churn", "later"));
        await _host.Queue.HandleAsync(Message("later", "churn", """ "rows":[{"x1":1,"x2":1,"color":"red"}] """));

        var result = JsonDocument.Parse(await _host.Queue.GetResultAsync("churn", "later")).RootElement;

        Assert.Equal(Errors.ErrorKind.NotFound, missing.Kind);
        Assert.Equal("later", result.GetProperty("id").GetString());
    }

    private static string Message(string id, string model, string body) => $$"""{"id":"{{id}}","model":"{{model}}",{{body.Trim()}}}""";

    private async Task<JsonElement> ResultAsync(string model, string id)
    {
        var text = await _host.ReadAsync("inference-results", $"{model}/{id}.json");
        Assert.NotNull(text);
        return JsonDocument.Parse(text).RootElement;
    }
}
