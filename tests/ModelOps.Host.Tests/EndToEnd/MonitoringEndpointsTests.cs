using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// Monitoring through the real host: a model trained by retraining (so it has a reference), traffic captured, checks
/// on demand that see no drift in traffic like the training data and drift in shifted traffic, feedback joined for live
/// quality, a webhook on loopback, and a retraining run started by drift.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MonitoringEndpointsTests(HostProcessFixture host)
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task Monitoring_TrainedModel_NoDriftInDistributionDriftWhenShiftedFeedbackJoinedWebhookAndRetrainByDrift()
    {
        var model = Models.UniqueName("monitor");
        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(RetrainingData.Configuration())));
        var upload = await HttpAssert.OkJsonAsync(
            await host.Admin.PutAsync(Url($"/api/models/{model}/training-data/first.csv"), new StringContent(RetrainingData.Binary(800), Encoding.UTF8, "text/csv")),
            HttpStatusCode.Created);
        var trained = await RetrainingRuns.WaitEndedAsync(host.Admin, upload.GetProperty("run").GetString()!, TimeSpan.FromSeconds(120));
        Assert.True(trained.GetProperty("runtimeStatus").GetString() == "Completed", trained.GetRawText());

        using var hook = new LoopbackWebhook();
        var settings = await host.Admin.PutAsync(
            Url($"/api/models/{model}/monitoring/settings"),
            Json($$$"""{"webhooks":["{{{hook.Url}}}"],"retrainPolicy":{"mode":"retrain","coolDown":"00:00:00","dailyCap":5}}"""));
        await HttpAssert.OkJsonAsync(settings);
        Assert.NotNull(settings.Headers.ETag);

        // Traffic like the training data, with labels sent afterwards for every row, one unknown id and one label of the wrong type.
        var t0 = DateTimeOffset.UtcNow;
        var feedback = new StringBuilder("[");
        var random = new Random(13);
        for (var request = 0; request < 6; request++)
        {
            var (rows, labels) = Rows(random, 50, shift: false);
            var answer = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json(rows)));
            var id = answer.GetProperty("id").GetString()!;
            for (var row = 0; row < labels.Length; row++)
            {
                feedback.Append(CultureInfo.InvariantCulture, $$"""{"id":"{{id}}","row":{{row}},"label":{{labels[row]}}},""");
            }
        }

        feedback.Append("""{"id":"never-predicted","label":1},{"id":"x","label":{"not":"a class"}}]""");
        var accepted = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/feedback"), Json(feedback.ToString())));
        Assert.Equal(301, accepted.GetProperty("accepted").GetInt32());
        var rejected = Assert.Single(accepted.GetProperty("rejected").EnumerateArray());
        Assert.Equal(301, rejected.GetProperty("index").GetInt32());
        Assert.Contains("class name", rejected.GetProperty("error").GetString(), StringComparison.Ordinal);

        var calm = await RunAsync(model, t0, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("completed", calm.GetProperty("status").GetString());
        Assert.Equal("reference.json", calm.GetProperty("reference").GetString());
        Assert.Equal(300, calm.GetProperty("currentRows").GetInt64());
        Assert.False(calm.GetProperty("datasetDrift").GetBoolean(), calm.GetRawText());
        Assert.Equal(
            ["color", "prediction.label", "x1", "x2"],
            calm.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var quality = calm.GetProperty("quality");
        Assert.Equal(300, quality.GetProperty("rows").GetInt32());
        Assert.Equal("auc", quality.GetProperty("metric").GetString());
        Assert.True(quality.GetProperty("metrics").GetProperty("auc").GetDouble() > 0.8, quality.GetRawText());
        var joined = calm.GetProperty("feedback");
        Assert.Equal((301, 300, 1), (joined.GetProperty("labels").GetInt32(), joined.GetProperty("joined").GetInt32(), joined.GetProperty("unmatched").GetInt32()));

        // Shifted traffic: x1 far outside its training range, one colour only.
        var t1 = DateTimeOffset.UtcNow;
        for (var request = 0; request < 6; request++)
        {
            await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json(Rows(random, 50, shift: true).Json)));
        }

        var drifted = await RunAsync(model, t1, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.True(drifted.GetProperty("datasetDrift").GetBoolean(), drifted.GetRawText());
        Assert.Equal(300, drifted.GetProperty("currentRows").GetInt64());
        var x1 = drifted.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "x1");
        Assert.Equal("ks", x1.GetProperty("method").GetString());
        Assert.True(x1.GetProperty("drifted").GetBoolean());
        Assert.Contains("drift", drifted.GetProperty("alerts").EnumerateArray().Select(a => a.GetString()![(a.GetString()!.LastIndexOf('-') + 1)..]));

        await hook.WaitForAsync(1, TimeSpan.FromSeconds(30));
        Assert.Contains(hook.Bodies, b => b.Contains("\"kind\":\"drift\"", StringComparison.Ordinal) && b.Contains(model, StringComparison.Ordinal));

        var retraining = drifted.GetProperty("retraining");
        Assert.Equal("drift", retraining.GetProperty("trigger").GetString());
        var runId = retraining.GetProperty("runId").GetString()!;
        var run = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/runs/{runId}")));
        Assert.Equal("drift", run.GetProperty("trigger").GetString());

        var list = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring?pageSize=1")));
        Assert.Equal(drifted.GetProperty("id").GetString(), Assert.Single(list.GetProperty("reports").EnumerateArray()).GetProperty("id").GetString());
        var token = list.GetProperty("continuationToken").GetString()!;
        var older = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring?pageSize=1&continuationToken={Uri.EscapeDataString(token)}")));
        Assert.Equal(calm.GetProperty("id").GetString(), older.GetProperty("reports")[0].GetProperty("id").GetString());
        var one = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring/{drifted.GetProperty("id").GetString()}")));
        Assert.True(one.GetProperty("datasetDrift").GetBoolean());

        var alerts = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring/alerts")));
        var alert = alerts.GetProperty("alerts").EnumerateArray().First(a => a.GetProperty("kind").GetString() == "drift");
        Assert.Equal("sent", alert.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Settings_EtagAndBadInput_412And400NamingTheField()
    {
        var model = await RegisterByHandAsync();
        var defaults = await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring/settings"));
        Assert.Equal("0 0 * * * *", (await HttpAssert.OkJsonAsync(defaults)).GetProperty("schedule").GetString());

        var put = await host.Admin.PutAsync(Url($"/api/models/{model}/monitoring/settings"), Json("""{"schedule":"0 */15 * * * *","captureShare":0.5}"""));
        var etag = put.Headers.ETag!.ToString();
        Assert.Equal(0.5, (await HttpAssert.OkJsonAsync(put)).GetProperty("captureShare").GetDouble());

        var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/monitoring/settings")) { Content = Json("""{"schedule":"0 0 * * * *"}""") };
        stale.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        await HttpAssert.OkJsonAsync(await host.Admin.SendAsync(stale));
        var lost = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/monitoring/settings")) { Content = Json("""{"schedule":"0 0 * * * *"}""") };
        lost.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        await HttpAssert.ErrorAsync(await host.Admin.SendAsync(lost), HttpStatusCode.PreconditionFailed, "changed");

        foreach (var (body, fragment) in new[]
        {
            ("""{"schedule":"0 0 * * *"}""", "six"),
            ("""{"schedule":"not a schedule at all"}""", "schedule"),
            ("""{"drift":{"thresholds":{"ks":2}}}""", "p-value"),
            ("""{"drift":{"driftShare":1.5}}""", "DriftShare"),
            ("""{"captureShare":-1}""", "CaptureShare"),
            ("""{"webhooks":["ftp://example.test/hook"]}""", "http or https"),
            ("""{"webhooks":[42]}""", "wrong type"),
            ("""{"retrainPolicy":{"mode":"sometimes"}}""", "wrong type"),
        })
        {
            await HttpAssert.ErrorAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/monitoring/settings"), Json(body)), HttpStatusCode.BadRequest, fragment);
        }

        await HttpAssert.ErrorAsync(await host.Api.GetAsync(Url($"/api/models/{model}/monitoring/settings")), HttpStatusCode.Forbidden, "ModelOps.Reader");
        Assert.True(host.IsRunning);
    }

    [Fact]
    public async Task Run_VersionRegisteredByHand_ReportsNoReference()
    {
        var model = await RegisterByHandAsync();
        await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/v2/models/{model}/infer"), Json("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""")));

        var report = await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/monitoring/run"), null));

        Assert.Equal("noReference", report.GetProperty("status").GetString());
        Assert.Contains("registered by hand", report.GetProperty("note").GetString(), StringComparison.Ordinal);
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url("/api/models/no-such-model/monitoring/run"), null), HttpStatusCode.NotFound, "no-such-model");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/monitoring/run"), Json("""{"from":"2026-12-01T01:00:00Z","to":"2026-12-01T00:00:00Z"}""")), HttpStatusCode.BadRequest, "before");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/monitoring/run"), Json("""{"from":"yesterday"}""")), HttpStatusCode.BadRequest, "ISO 8601");
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/monitoring/nope")), HttpStatusCode.NotFound, "nope");
    }

    [Fact]
    public async Task Feedback_BadBatches_RefusedPerItemOrAs400()
    {
        var model = await RegisterByHandAsync();
        var result = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(
            Url($"/api/models/{model}/feedback"),
            Json("""[{"id":"a","label":1},{"label":1},{"id":"b","label":1.5},{"id":"c"},{"id":"d","row":-1,"label":0}]""")));

        Assert.Equal(1, result.GetProperty("accepted").GetInt32());
        Assert.Equal([1, 2, 3, 4], result.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()));
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url($"/api/models/{model}/feedback"), Json("[]")), HttpStatusCode.BadRequest, "no feedback items");
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url($"/api/models/{model}/feedback"), Json("42")), HttpStatusCode.BadRequest, "feedback item");
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url("/api/models/no-such-model/feedback"), Json("""{"id":"a","label":1}""")), HttpStatusCode.NotFound, "no-such-model");
    }

    [Fact]
    public async Task Predict_WithAndWithoutId_AnswersWithTheRequestId()
    {
        var model = await RegisterByHandAsync();

        var given = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json("""{"id":"mine-1","instances":[[5.1,3.5,1.4,0.2]]}""")));
        var generated = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json("""{"instances":[[5.1,3.5,1.4,0.2]]}""")));
        var oip = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/v2/models/{model}/infer"), Json("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}""")));

        Assert.Equal("mine-1", given.GetProperty("id").GetString());
        Assert.Equal(32, generated.GetProperty("id").GetString()!.Length);
        Assert.Equal(32, oip.GetProperty("id").GetString()!.Length);
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json("""{"id":7,"instances":[[5.1,3.5,1.4,0.2]]}""")), HttpStatusCode.BadRequest, "'id'");
    }

    [Fact]
    public async Task Metrics_AfterAnInference_ShowTheInferenceMeters()
    {
        var model = await RegisterByHandAsync();
        await HttpAssert.OkJsonAsync(await host.Api.PostAsync(Url($"/api/models/{model}/predict"), Json("""{"instances":[[5.1,3.5,1.4,0.2],[6.1,2.5,4.4,1.2]]}""")));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            using var response = await host.Admin.GetAsync(Url("/metrics"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }
        while (!text.Contains($"model=\"{model}\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline && await Delay());

        Assert.Contains("modelops_inference_requests", text, StringComparison.Ordinal);
        Assert.Contains("modelops_inference_duration", text, StringComparison.Ordinal);
        Assert.Contains("modelops_inference_batch_size", text, StringComparison.Ordinal);
        Assert.Contains("modelops_model_loads", text, StringComparison.Ordinal);
        Assert.Contains($"model=\"{model}\"", text, StringComparison.Ordinal);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }

    private async Task<JsonElement> RunAsync(string model, DateTimeOffset from, DateTimeOffset to)
    {
        var body = $$"""{"from":"{{from.UtcDateTime:O}}","to":"{{to.UtcDateTime:O}}"}""";
        var response = await host.Admin.PostAsync(Url($"/api/models/{model}/monitoring/run"), Json(body));
        Assert.NotNull(response.Headers.Location);
        return await HttpAssert.OkJsonAsync(response);
    }

    private async Task<string> RegisterByHandAsync()
    {
        var model = Models.UniqueName("byhand");
        await HttpAssert.OkJsonAsync(
            await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), new ByteArrayContent(Models.IrisForest) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }),
            HttpStatusCode.Created);
        return model;
    }

    /// <summary>Rows like <see cref="RetrainingData.Binary"/>'s (or shifted: x1 + 4, always blue) as a predict body, with their true labels.</summary>
    private static (string Json, int[] Labels) Rows(Random random, int count, bool shift)
    {
        var json = new StringBuilder("{\"rows\":[");
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            var x1 = Math.Round((random.NextDouble() * 4) - 2, 4) + (shift ? 4 : 0);
            var x2 = Math.Round((random.NextDouble() * 4) - 2, 4);
            var color = shift ? "blue" : Colors[random.Next(3)];
            var score = (1.5 * x1) - x2 + (color == "red" ? 0.8 : 0) + (((random.NextDouble() * 2) - 1) * 0.9);
            labels[i] = score > 0 ? 1 : 0;
            json.Append(CultureInfo.InvariantCulture, $$"""{{(i > 0 ? "," : string.Empty)}}{"x1":{{x1}},"x2":{{x2}},"color":"{{color}}"}""");
        }

        return (json.Append("]}").ToString(), labels);
    }
}
