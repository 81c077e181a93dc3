using System.Globalization;
using Microsoft.AspNetCore.Http;
using ModelOps.Functions.Tests.Support;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Http;

/// <summary>
/// The HTTP functions over the real pipeline: the app's composition on Azurite, the real ONNX Runtime, requests carrying
/// no key (the Functions host checked it and the function grants its level).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpFunctionsTests(AzuriteFixture azurite)
{
    private static readonly byte[] Mlp = File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", "mlp.onnx"));

    private static readonly float[] Row = [.. Enumerable.Range(0, 20).Select(i => i / 10f)];

    [Fact]
    public async Task Management_RegisterModel_ThenInferenceFunctionsPredict()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var http = app.Http;

        var registered = (await HttpCall.SendAsync(app, app.Management, "POST", "/api/models/mlp/versions?description=functions", Mlp, "application/octet-stream")).Expect(201).Json;
        Assert.Equal(1, registered.GetProperty("version").GetInt32());
        (await HttpCall.SendJsonAsync(app, app.Management, "PUT", "/api/models/mlp/aliases/champion", new { version = 1 })).Expect(200);

        var predicted = (await HttpCall.SendJsonAsync(app, http.InferencePredictAsync, "POST", "/api/models/mlp/predict", new { instances = new[] { Row } })).Expect(200).Json;
        Assert.Equal("mlp", predicted.GetProperty("model").GetString());
        Assert.Equal(1, predicted.GetProperty("version").GetInt32());
        Assert.Equal(1, predicted.GetProperty("predictions").GetArrayLength());

        var pinned = (await HttpCall.SendJsonAsync(app, http.InferencePredictVersionAsync, "POST", "/api/models/mlp/versions/1/predict", new { instances = new[] { Row, Row } })).Expect(200).Json;
        Assert.Equal(2, pinned.GetProperty("predictions").GetArrayLength());
        Assert.Equal(predicted.GetProperty("predictions")[0].GetRawText(), pinned.GetProperty("predictions")[1].GetRawText());

        var inferred = (await HttpCall.SendJsonAsync(app, http.InferenceV2Async, "POST", "/v2/models/mlp/infer", new
        {
            id = "7",
            inputs = new[] { new { name = "x", shape = new[] { 1, 20 }, datatype = "FP32", data = Row } },
        })).Expect(200).Json;
        Assert.Equal("7", inferred.GetProperty("id").GetString());
        Assert.Equal("1", inferred.GetProperty("model_version").GetString());

        var described = (await HttpCall.SendAsync(app, http.InferenceV2Async, "GET", "/v2/models/mlp")).Expect(200).Json;
        Assert.Equal("onnxruntime_onnx", described.GetProperty("platform").GetString());
    }

    [Fact]
    public async Task Health_Anonymous_AnswersLiveAndReady()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var live = (await HttpCall.SendAsync(app, app.Http.HealthAsync, "GET", "/v2/health/live")).Expect(200).Json;
        var ready = (await HttpCall.SendAsync(app, app.Http.HealthAsync, "GET", "/v2/health/ready")).Expect(200).Json;

        Assert.True(live.GetProperty("live").GetBoolean());
        Assert.True(ready.GetProperty("ready").GetBoolean());
    }

    [Theory]
    [InlineData("inference-v2", "GET", "/api/models", 403, "needs the role 'ModelOps.Reader'")]
    [InlineData("inference-predict", "PUT", "/api/models/m/aliases/champion", 403, "needs the role 'ModelOps.Deployer'")]
    [InlineData("inference-predict-version", "POST", "/api/runs/some-run/terminate", 403, "needs the role 'ModelOps.Trainer'")]
    [InlineData("health", "GET", "/v2/models/m", 401, "Missing")]
    [InlineData("health", "GET", "/api/models", 401, "Missing")]
    public async Task Grant_BelowTheRoutesPermission_IsRefusedAndNothingRuns(string function, string method, string path, int status, string message)
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        Func<HttpRequest, Task<IResult>> handler = function switch
        {
            "inference-v2" => app.Http.InferenceV2Async,
            "inference-predict" => app.Http.InferencePredictAsync,
            "inference-predict-version" => app.Http.InferencePredictVersionAsync,
            _ => app.Http.HealthAsync,
        };

        var result = await HttpCall.SendJsonAsync(app, handler, method, path, new { version = 1 });

        // A function-level grant is the inference key's role (ModelOps.Invoker); an anonymous one is no caller at all.
        result.Expect(status);
        Assert.Contains(message, result.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_AdminGrant_ReachesManagementAndInferenceRoutesWithoutAKey()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);

        var models = (await HttpCall.SendAsync(app, app.Management, "GET", "/api/models")).Expect(200).Json;
        var missing = await HttpCall.SendAsync(app, app.Management, "GET", "/api/models/nothing-here");
        var unknown = await HttpCall.SendAsync(app, app.Management, "GET", "/api/no/such/route");

        Assert.Equal(System.Text.Json.JsonValueKind.Array, models.GetProperty("models").ValueKind);
        missing.Expect(404);
        unknown.Expect(404);
        Assert.Contains("No route matches GET /api/no/such/route", unknown.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Management_BodyOverTheLimit_Is413BeforeAnythingIsStored()
    {
        await using var app = await FunctionsApp.StartAsync(azurite);
        var tooLarge = new byte[33 * 1024 * 1024];

        var result = await HttpCall.SendAsync(app, app.Management, "PUT", "/api/models/m/training", tooLarge, "application/json");

        result.Expect(413);
        Assert.Contains(tooLarge.Length.ToString(CultureInfo.InvariantCulture), result.Json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
