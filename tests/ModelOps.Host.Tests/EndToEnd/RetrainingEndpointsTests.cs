using System.Net;
using System.Text;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class RetrainingEndpointsTests(HostProcessFixture host)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Csv(string csv) => new(csv, Encoding.UTF8, "text/csv");

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task UploadedCsv_TrainsEvaluatesRegistersAndServesTheNewChampion()
    {
        var model = Models.UniqueName("retrain");
        var put = await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration()));
        var configuration = await HttpAssert.OkJsonAsync(put);
        Assert.Equal("y", configuration.GetProperty("label").GetString());
        Assert.NotNull(put.Headers.ETag);

        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/first.csv"), Csv(RetrainingData.Binary(800))),
            HttpStatusCode.Created);
        var runUrl = upload.GetProperty("run").GetString()!;

        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, runUrl, TimeSpan.FromSeconds(120));

        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText());
        Assert.Equal(model, run.GetProperty("model").GetString());
        Assert.Equal("blob", run.GetProperty("trigger").GetString());
        foreach (var field in new[] { "id", "model", "trigger", "runtimeStatus", "input", "output", "customStatus", "createdTime", "lastUpdatedTime", "steps" })
        {
            Assert.True(run.TryGetProperty(field, out _), $"no '{field}' in {run.GetRawText()}");
        }

        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["ValidateData", "TrainCandidate", "EvaluateCandidate", "RegisterCandidate", "PromoteCandidate"], steps.Select(s => s.GetProperty("name").GetString()));
        Assert.All(steps, s =>
        {
            Assert.Equal("Completed", s.GetProperty("status").GetString());
            Assert.Equal(1, s.GetProperty("attempts").GetInt32());
            Assert.True(s.GetProperty("durationMs").GetInt64() >= 0);
        });
        var output = run.GetProperty("output");
        Assert.Equal("promoted", output.GetProperty("outcome").GetString());
        Assert.Equal("Promote", output.GetProperty("decision").GetProperty("outcome").GetString());

        var prediction = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(
            Url($"/api/models/{model}/predict"),
            Json("""{"rows":[{"x1":1.8,"x2":-1.5,"color":"red"},{"x1":-1.9,"x2":1.7,"color":"blue"}]}""")));
        Assert.Equal(1, prediction.GetProperty("version").GetInt32());
        var predictions = prediction.GetProperty("predictions").EnumerateArray().ToList();
        Assert.Equal(1, predictions[0].GetProperty("label").GetInt64());
        Assert.Equal(0, predictions[1].GetProperty("label").GetInt64());

        // A missing category (null, or no property at all) is what training saw as missing, not a bad request: it
        // predicts as an unseen category does.
        var missing = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(
            Url($"/api/models/{model}/predict"),
            Json("""{"rows":[{"x1":1.8,"x2":-1.5,"color":null},{"x1":1.8,"x2":-1.5},{"x1":1.8,"x2":-1.5,"color":"never-seen"}]}""")));
        var probabilities = missing.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("probabilities").GetRawText()).ToList();
        Assert.Equal(probabilities[0], probabilities[1]);
        Assert.Equal(probabilities[0], probabilities[2]);

        var runs = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/runs")));
        Assert.Contains(runs.GetProperty("runs").EnumerateArray(), r => "/api/runs/" + r.GetProperty("id").GetString() == runUrl);
        Assert.Equal(JsonValueKind.Null, runs.GetProperty("continuationToken").ValueKind);

        // Manual retrain on the same data: 202 with the run's Location; newest first in the list.
        var retrain = await host.Admin.PostAsync(Url($"/api/models/{model}/retrain"), Json("""{"dataBlob":"first.csv"}"""));
        await HttpAssert.OkJsonAsync(retrain, HttpStatusCode.Accepted);
        var location = retrain.Headers.Location!.ToString();
        Assert.StartsWith("/api/runs/", location, StringComparison.Ordinal);
        var manual = await RetrainingRuns.WaitEndedAsync(host.Admin, location, TimeSpan.FromSeconds(120));
        Assert.Equal("manual", manual.GetProperty("trigger").GetString());
        var newest = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/runs?pageSize=1")));
        Assert.Equal(manual.GetProperty("id").GetString(), newest.GetProperty("runs")[0].GetProperty("id").GetString());
        var token = newest.GetProperty("continuationToken").GetString();
        var older = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/runs?pageSize=1&continuationToken={Uri.EscapeDataString(token!)}")));
        Assert.Equal(runUrl, "/api/runs/" + older.GetProperty("runs")[0].GetProperty("id").GetString());

        // The dataset has been seen: a configuration naming a column it lacks is refused when it is set.
        await HttpAssert.ErrorAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration().Replace("\"features\":null", "\"features\":[\"x1\",\"height\"]", StringComparison.Ordinal))),
            HttpStatusCode.BadRequest,
            "'height'");
    }

    [Theory]
    [InlineData("\"trainer\":\"logistic\"", "\"trainer\":\"xgboost\"", "'trainer'")]
    [InlineData("\"task\":\"binary\"", "\"task\":\"ranking\"", "'task'")]
    [InlineData("\"metric\":\"auc\"", "\"metric\":\"kappa\"", "'metric'")]
    [InlineData("\"holdoutFraction\":0.25", "\"holdoutFraction\":1.5", "'holdoutFraction'")]
    [InlineData("\"holdoutFraction\":0.25", "\"holdoutFraction\":\"a lot\"", "holdoutFraction")]
    public async Task PutTraining_BadConfiguration_Is400NamingTheField(string from, string to, string fragment)
    {
        var model = Models.UniqueName("badcfg");
        var response = await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration().Replace(from, to, StringComparison.Ordinal)));

        await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest, fragment);
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/training")), HttpStatusCode.NotFound, "no training configuration");
    }

    [Fact]
    public async Task PutTraining_StaleIfMatch_Is412AndKeepsTheStoredConfiguration()
    {
        var model = Models.UniqueName("etag");
        var first = await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration()));
        var etag = first.Headers.ETag!.ToString();
        using (var update = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/training")) { Content = Json(RetrainingData.Configuration("gbt")) })
        {
            update.Headers.TryAddWithoutValidation("If-Match", etag);
            await HttpAssert.OkJsonAsync(await host.Admin.SendAsync(update));
        }

        using var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/training")) { Content = Json(RetrainingData.Configuration("logistic")) };
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await host.Admin.SendAsync(stale)).StatusCode);

        var stored = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/training")));
        Assert.Equal("gbt", stored.GetProperty("trainer").GetString());
    }

    [Fact]
    public async Task RunsApi_UnknownRunAndUnconfiguredModel_Are404AndNeedARole()
    {
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url("/api/runs/nope")), HttpStatusCode.NotFound, "nope");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url("/api/runs/nope/terminate"), null), HttpStatusCode.NotFound, "nope");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url("/api/runs/nope/events/go"), Json("{}")), HttpStatusCode.NotFound, "nope");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url($"/api/models/{Models.UniqueName("none")}/retrain"), null), HttpStatusCode.NotFound, "training configuration");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Api.GetAsync(Url("/api/runs/nope"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Api.PutAsync(Url("/api/models/x/training"), Json(RetrainingData.Configuration()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync(Url("/api/runs/nope"))).StatusCode);
    }

    [Fact]
    public async Task BadData_RunFailsWithAReport_TerminateOfAnEndedRunIs409()
    {
        var model = Models.UniqueName("baddata");
        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration())));
        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/bad.csv"), Csv("x1,x2,color,y\n")),
            HttpStatusCode.Created);

        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, upload.GetProperty("run").GetString()!, TimeSpan.FromSeconds(60));

        Assert.Equal("Failed", run.GetProperty("runtimeStatus").GetString());
        Assert.Contains("no rows", run.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("ValidateData", run.GetProperty("customStatus").GetProperty("failedStep").GetString());
        await HttpAssert.ErrorAsync(
            await host.Admin.PostAsync(Url($"{upload.GetProperty("run").GetString()}/terminate"), null),
            HttpStatusCode.Conflict,
            "ended");
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json("""{"rows":[{"x1":1,"x2":1,"color":"red"}]}""")), HttpStatusCode.NotFound, model);
    }

    [Fact]
    public async Task Terminate_RunningRun_EndsTerminatedAndRegistersNothing()
    {
        var model = Models.UniqueName("stop");
        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration("gbt", """{"maxIterations":400,"earlyStopping":false}"""))));
        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/big.csv"), Csv(RetrainingData.Binary(20_000))),
            HttpStatusCode.Created);
        var runUrl = upload.GetProperty("run").GetString()!;
        await RetrainingRuns.WaitAsync(host.Admin, runUrl, r => r.GetProperty("runtimeStatus").GetString() == "Running", TimeSpan.FromSeconds(60));

        Assert.Equal(HttpStatusCode.Accepted, (await host.Admin.PostAsync(Url($"{runUrl}/events/note"), Json("""{"from":"test"}"""))).StatusCode);
        await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"{runUrl}/terminate?reason=test"), null), HttpStatusCode.Accepted);
        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, runUrl, TimeSpan.FromSeconds(60));

        Assert.Equal("Terminated", run.GetProperty("runtimeStatus").GetString());
        await Task.Delay(3000);
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/versions/1")), HttpStatusCode.NotFound, model);
    }
}
