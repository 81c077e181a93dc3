using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>Queue results, batch jobs and serving settings through the real host process.</summary>
[Collection(HostCollection.Name)]
public sealed class InferenceJobEndpointsTests(HostProcessFixture host)
{
    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task InferenceResult_NotFoundUntilTheQueuedMessageIsAnswered()
    {
        var model = Models.UniqueName("queued");
        await RegisterAsync(model, JobData.GradientBoosted);
        await HttpAssert.ErrorAsync(await host.Api.GetAsync(Url($"/api/models/{model}/inference/m1")), HttpStatusCode.NotFound, "'m1'");

        await JobData.SendAsync(host.StorageConnectionString, $$"""{"id":"m1","model":"{{model}}","rows":[{"x1":1.8,"x2":-1.5,"color":"red"}]}""");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        while ((response = await host.Api.GetAsync(Url($"/api/models/{model}/inference/m1"))).StatusCode == HttpStatusCode.NotFound)
        {
            Assert.True(DateTime.UtcNow < deadline, "No result within 30 s:\n" + host.Log);
            await Task.Delay(100);
        }

        var result = await HttpAssert.OkJsonAsync(response);
        Assert.Equal("Succeeded", result.GetProperty("status").GetString());
        Assert.Equal("1", result.GetProperty("predictions")[0].GetProperty("label").ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.GetAsync(Url($"/api/models/{model}/inference/m1"))).StatusCode);
    }

    [Fact]
    public async Task Batch_Accepted_RunListedWithTheModelAndOutputWritten()
    {
        var model = Models.UniqueName("batch");
        await RegisterAsync(model, JobData.GradientBoosted);
        await JobData.UploadAsync(host.StorageConnectionString, "batch-input", $"{model}/rows.csv", JobData.Rows(50));

        var response = await host.Admin.PostAsync(
            Url($"/api/models/{model}/batch"),
            Json($$"""{"input":"batch-input/{{model}}/","output":"batch-output/{{model}}/","format":"csv","includeInput":true,"maxRowsPerShard":20}"""));
        var accepted = await HttpAssert.OkJsonAsync(response, HttpStatusCode.Accepted);
        var location = response.Headers.Location!.ToString();
        Assert.Equal($"/api/runs/{accepted.GetProperty("id").GetString()}", location);
        var run = await RetrainingRuns.WaitEndedAsync(host.Admin, location, TimeSpan.FromSeconds(90));

        Assert.True(run.GetProperty("runtimeStatus").GetString() == "Completed", run.GetRawText());
        var status = run.GetProperty("customStatus");
        Assert.Equal(3, status.GetProperty("shardsDone").GetInt32());
        Assert.Equal(3, status.GetProperty("shardsTotal").GetInt32());
        Assert.Equal(50, status.GetProperty("rowsScored").GetInt64());
        var runs = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/runs")));
        var listed = runs.GetProperty("runs")[0];
        Assert.Equal(accepted.GetProperty("id").GetString(), listed.GetProperty("id").GetString());
        Assert.Equal("batch", listed.GetProperty("trigger").GetString());
        var output = await JobData.ReadAsync(host.StorageConnectionString, "batch-output", $"{model}/rows.csv.out");
        var lines = output!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,x1,x2,color,label,probability_0,probability_1", lines[0]);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Theory]
    [InlineData("""{"input":"batch-input/x/","output":"batch-output/x/","format":"xml"}""", "'format'")]
    [InlineData("""{"input":"models/","output":"batch-output/x/","format":"csv"}""", "'input'")]
    [InlineData("""{"input":"batch-input/x/","output":"reports/x/","format":"csv"}""", "'output'")]
    [InlineData("""{"input":"batch-input/x/","output":"batch-output/x/","format":"csv","maxRowPerShard":5}""", "maxRowPerShard")]
    [InlineData("""{"input":"batch-input/x/","output":"batch-output/x/","format":"csv","maxRowsPerShard":0}""", "'maxRowsPerShard'")]
    [InlineData("""[1]""", "JSON object")]
    public async Task Batch_BadRequest_400AndNoRun(string body, string fragment)
    {
        var model = Models.UniqueName("badbatch");
        await RegisterAsync(model, JobData.GradientBoosted);

        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/batch"), Json(body)), HttpStatusCode.BadRequest, fragment);

        var runs = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/runs")));
        Assert.Equal(0, runs.GetProperty("runs").GetArrayLength());
    }

    [Fact]
    public async Task Batch_UnknownModelWithEitherKey_404AndWithoutOne_401()
    {
        var body = """{"input":"batch-input/x/","output":"batch-output/x/","format":"csv"}""";

        // Batch transform is inference (Invoke), so the inference key reaches the model check as the admin key does.
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url("/api/models/nosuchmodel/batch"), Json(body)), HttpStatusCode.NotFound, "nosuchmodel");
        await HttpAssert.ErrorAsync(await host.Api.PostAsync(Url("/api/models/nosuchmodel/batch"), Json(body)), HttpStatusCode.NotFound, "nosuchmodel");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous.PostAsync(Url("/api/models/nosuchmodel/batch"), Json(body))).StatusCode);
    }

    [Fact]
    public async Task Serving_PutWithETag_StaleIfMatchIs412()
    {
        var model = Models.UniqueName("serving");
        var initial = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/serving")));
        Assert.True(initial.GetProperty("effective").GetProperty("batching").GetProperty("enabled").GetBoolean());

        var put = await host.Admin.PutAsync(Url($"/api/models/{model}/serving"), Json("""{"batching":{"maxBatchSize":8,"maxDelayMicroseconds":200}}"""));
        var stored = await HttpAssert.OkJsonAsync(put);
        var etag = put.Headers.ETag!.ToString();
        using var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/serving")) { Content = Json("""{"batching":{"enabled":false}}""") };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"");
        using var fresh = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/serving")) { Content = Json("""{"batching":{"enabled":false}}""") };
        fresh.Headers.TryAddWithoutValidation("If-Match", etag);

        Assert.Equal(8, stored.GetProperty("effective").GetProperty("batching").GetProperty("maxBatchSize").GetInt32());
        await HttpAssert.ErrorAsync(await host.Admin.SendAsync(stale), HttpStatusCode.PreconditionFailed, "changed");
        var off = await HttpAssert.OkJsonAsync(await host.Admin.SendAsync(fresh));
        Assert.False(off.GetProperty("effective").GetProperty("batching").GetProperty("enabled").GetBoolean());
        await HttpAssert.ErrorAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/serving"), Json("""{"batching":{"maxBatchSize":0}}""")), HttpStatusCode.BadRequest, "maxBatchSize");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task RegisterAsync(string model, byte[] onnx)
    {
        using var content = new ByteArrayContent(onnx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), content), HttpStatusCode.Created);
    }
}
