using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace ModelOps.Host.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class InferenceEndpointsTests(HostProcessFixture host) : IAsyncLifetime
{
    private const string IrisRows = "[[5.9,3.0,5.1,1.8],[6.8,2.8,4.8,1.4],[6.3,2.3,4.4,1.3],[6.5,3.0,5.5,1.8],[7.7,2.8,6.7,2.0],[5.5,2.5,4.0,1.3]]";
    private readonly string _iris = Models.UniqueName("iris");
    private readonly string _strings = Models.UniqueName("strings");
    private readonly string _multitype = Models.UniqueName("multi");
    private readonly string _tree = Models.UniqueName("tree");

    public async Task InitializeAsync()
    {
        await RegisterAsync(_iris, Models.IrisForest);
        await RegisterAsync(_strings, Models.Strings);
        await RegisterAsync(_multitype, Models.Multitype);
        await RegisterAsync(_tree, Models.TreeClassifier);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RegisterAsync(string model, byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await host.Admin.PostAsync(new Uri($"/api/models/{model}/versions", UriKind.Relative), content)).EnsureSuccessStatusCode();
    }

    private Task<HttpResponseMessage> InferAsync(string model, string json, HttpClient? client = null, string? version = null)
    {
        var path = version is null ? $"/v2/models/{model}/infer" : $"/v2/models/{model}/versions/{version}/infer";
        return (client ?? host.Api).PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
    }

    [Fact]
    public async Task Health_LiveAndReady_WithoutKey()
    {
        var live = await HttpAssert.OkJsonAsync(await host.Anonymous.GetAsync(new Uri("/v2/health/live", UriKind.Relative)));
        var ready = await HttpAssert.OkJsonAsync(await host.Anonymous.GetAsync(new Uri("/v2/health/ready", UriKind.Relative)));

        Assert.True(live.GetProperty("live").GetBoolean());
        Assert.True(ready.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Metadata_DescribesSignatureWithDynamicDims()
    {
        var metadata = await HttpAssert.OkJsonAsync(await host.Api.GetAsync(new Uri($"/v2/models/{_iris}", UriKind.Relative)));
        var ready = await HttpAssert.OkJsonAsync(await host.Api.GetAsync(new Uri($"/v2/models/{_iris}/versions/1/ready", UriKind.Relative)));

        Assert.Equal(_iris, metadata.GetProperty("name").GetString());
        Assert.Equal("onnxruntime_onnx", metadata.GetProperty("platform").GetString());
        Assert.Equal("[\"1\"]", metadata.GetProperty("versions").GetRawText());
        var input = metadata.GetProperty("inputs")[0];
        Assert.Equal("X", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal("[-1,4]", input.GetProperty("shape").GetRawText());
        Assert.True(ready.GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Infer_IrisForest_MatchesScikitLearnAndEchoesId()
    {
        var body = await HttpAssert.OkJsonAsync(await InferAsync(_iris, $$"""{"id":"req-7","inputs":[{"name":"X","shape":[6,4],"datatype":"FP32","data":{{IrisRows}}}]}"""));

        Assert.Equal("req-7", body.GetProperty("id").GetString());
        Assert.Equal(_iris, body.GetProperty("model_name").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        var label = body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "output_label");
        Assert.Equal("INT64", label.GetProperty("datatype").GetString());
        Assert.Equal("[2,1,1,2,2,1]", label.GetProperty("data").GetRawText());
        var probability = body.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "output_probability");
        Assert.Equal("[6,3]", probability.GetProperty("shape").GetRawText());
        Assert.Equal("[0,1,2]", probability.GetProperty("parameters").GetProperty("keys").GetRawText());
        Assert.Equal(0.87, probability.GetProperty("data")[2].GetDouble(), 2);
    }

    [Fact]
    public async Task Infer_OutputSubsetAndPinnedVersion_OnlyThatOutput()
    {
        var body = await HttpAssert.OkJsonAsync(await InferAsync(
            _iris,
            $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[5.9,3.0,5.1,1.8]}],"outputs":[{"name":"output_label"}]}""",
            version: "1"));

        var output = Assert.Single(body.GetProperty("outputs").EnumerateArray());
        Assert.Equal("output_label", output.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Infer_StringsAndMixedTypes_RoundTrip()
    {
        var strings = await HttpAssert.OkJsonAsync(await InferAsync(_strings, """{"inputs":[{"name":"x","shape":[2],"datatype":"BYTES","data":["Hello","ÉtÉ ✓"]}]}"""));
        var output = Assert.Single(strings.GetProperty("outputs").EnumerateArray());
        Assert.Equal("BYTES", output.GetProperty("datatype").GetString());
        Assert.Equal("[\"Hello\",\"ÉtÉ ✓\"]", output.GetProperty("data").GetRawText());

        var multi = await HttpAssert.OkJsonAsync(await InferAsync(
            _multitype,
            """{"inputs":[{"name":"InputA","shape":[1,1,1],"datatype":"UINT8","data":[255]},{"name":"InputB","shape":[1,2,2],"datatype":"FP64","data":[[[1.5,2.5],[3.5,4.5]]]}]}"""));
        var datatypes = multi.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("datatype").GetString()).Order();
        Assert.Equal(["INT16", "INT64"], datatypes);
    }

    [Fact]
    public async Task Predict_InstancesAndRows_GiveLabelsAndProbabilities()
    {
        var instances = await HttpAssert.OkJsonAsync(await host.Api.PostAsync(
            new Uri($"/api/models/{_iris}/predict", UriKind.Relative),
            new StringContent($$"""{"instances":{{IrisRows}}}""", Encoding.UTF8, "application/json")));
        var rows = await HttpAssert.OkJsonAsync(await host.Api.PostAsJsonAsync(
            new Uri($"/api/models/{_iris}/predict", UriKind.Relative),
            new { rows = new[] { new Dictionary<string, object> { ["X"] = new[] { 5.9, 3.0, 5.1, 1.8 } } } }));

        var predictions = instances.GetProperty("predictions");
        Assert.Equal(6, predictions.GetArrayLength());
        Assert.Equal(2, predictions[0].GetProperty("label").GetInt64());
        Assert.Equal(0.87, predictions[0].GetProperty("probabilities").GetProperty("2").GetDouble(), 2);
        Assert.Equal(1, instances.GetProperty("version").GetInt32());
        Assert.Equal(2, rows.GetProperty("predictions")[0].GetProperty("label").GetInt64());

        // This tree reads 20 features; its signature leaves the width dynamic.
        var tree = await HttpAssert.OkJsonAsync(await host.Api.PostAsJsonAsync(
            new Uri($"/api/models/{_tree}/predict", UriKind.Relative),
            new { instances = new[] { Enumerable.Range(0, 20).Select(i => i * 0.1).ToArray() } }));
        var treePrediction = tree.GetProperty("predictions")[0];
        Assert.True(treePrediction.TryGetProperty("label", out _), treePrediction.GetRawText());
        var probabilities = treePrediction.GetProperty("probabilities").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(1.0, probabilities, 3);
    }

    [Theory]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}""", HttpStatusCode.BadRequest, "not valid JSON")]
    [InlineData("""{"inputs":[]}""", HttpStatusCode.BadRequest, "has no inputs")]
    [InlineData("""{"inputs":[{"name":"Y","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", HttpStatusCode.BadRequest, "no input named 'Y'")]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]},{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", HttpStatusCode.BadRequest, "'X' is given more than once")]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP64","data":[1,2,3,4]}]}""", HttpStatusCode.BadRequest, "datatype FP64 but the model expects FP32")]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,3],"datatype":"FP32","data":[1,2,3]}]}""", HttpStatusCode.BadRequest, "dimension 1 must be 4")]
    [InlineData("""{"inputs":[{"name":"X","shape":[4],"datatype":"FP32","data":[1,2,3,4]}]}""", HttpStatusCode.BadRequest, "rank 1")]
    [InlineData("""{"inputs":[{"name":"X","shape":[2,4],"datatype":"FP32","data":[1,2,3,4]}]}""", HttpStatusCode.BadRequest, "has 4 data elements but its shape needs 8")]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":["a","b","c","d"]}]}""", HttpStatusCode.BadRequest, "element 0 is a string, but FP32 data must be numbers")]
    [InlineData("""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}],"outputs":[{"name":"nope"}]}""", HttpStatusCode.BadRequest, "no output named 'nope'")]
    [InlineData("", HttpStatusCode.BadRequest, "")]
    public async Task Infer_BadInput_4xxNamingTheProblem(string json, HttpStatusCode status, string fragment)
    {
        await HttpAssert.ErrorAsync(await InferAsync(_iris, json), status, fragment);

        // The server keeps serving.
        await HttpAssert.OkJsonAsync(await InferAsync(_iris, """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}"""));
        Assert.True(host.IsRunning);
    }

    [Fact]
    public async Task Infer_TooFewFeaturesForDynamicSignature_400WithRuntimeReason() =>
        await HttpAssert.ErrorAsync(
            await InferAsync(_tree, """{"inputs":[{"name":"input","shape":[1,4],"datatype":"FP32","data":[5.1,3.5,1.4,0.2]}]}"""),
            HttpStatusCode.BadRequest,
            "failed on these inputs");

    [Fact]
    public async Task Infer_UnknownModelOrVersion_404()
    {
        const string Body = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""";
        await HttpAssert.ErrorAsync(await InferAsync("no-such-model", Body), HttpStatusCode.NotFound, "'no-such-model' does not exist");
        await HttpAssert.ErrorAsync(await InferAsync(_iris, Body, version: "5"), HttpStatusCode.NotFound, "has no version 5");
        await HttpAssert.ErrorAsync(await InferAsync(_iris, Body, version: "0"), HttpStatusCode.NotFound, "no version '0'");
    }

    [Fact]
    public async Task Infer_MissingOrWrongKey_401()
    {
        const string Body = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""";
        await HttpAssert.ErrorAsync(await InferAsync(_iris, Body, host.Anonymous), HttpStatusCode.Unauthorized, "Missing key");
        await HttpAssert.OkJsonAsync(await InferAsync(_iris, Body, host.Admin));
    }

    [Fact]
    public async Task Infer_BodyOverLimit_413()
    {
        var data = string.Join(',', Enumerable.Repeat("1.0", (int)(HostProcessFixture.MaxRequestBodyBytes / 3)));
        var json = $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[{{data}}]}]}""";

        await HttpAssert.ErrorAsync(await InferAsync(_iris, json), HttpStatusCode.RequestEntityTooLarge, "at most");

        // Chunked, so no Content-Length for the server to refuse up front: the server stops reading at the limit.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v2/models/{_iris}/infer", UriKind.Relative)) { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json))) };
        request.Headers.TransferEncodingChunked = true;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await HttpAssert.ErrorAsync(await host.Api.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "larger than this server accepts");
    }

    [Fact]
    public async Task Predict_BadRows_400()
    {
        var uri = new Uri($"/api/models/{_iris}/predict", UriKind.Relative);
        await HttpAssert.ErrorAsync(await host.Api.PostAsJsonAsync(uri, new { rows = new[] { new Dictionary<string, object> { ["Z"] = 1 } } }), HttpStatusCode.BadRequest, "'Z', which model");
        await HttpAssert.ErrorAsync(await host.Api.PostAsJsonAsync(uri, new { rows = new[] { new Dictionary<string, object> { ["X"] = new[] { 1, 2 } } } }), HttpStatusCode.BadRequest, "has 2 values but the input takes 4");
        await HttpAssert.ErrorAsync(await host.Api.PostAsJsonAsync(uri, new { instances = new[] { new[] { "a", "b", "c", "d" } } }), HttpStatusCode.BadRequest, "is a string, but FP32 data must be numbers");
        await HttpAssert.ErrorAsync(await host.Api.PostAsJsonAsync(uri, new { something = 1 }), HttpStatusCode.BadRequest, "'rows'");
        await HttpAssert.ErrorAsync(await host.Api.PostAsJsonAsync(uri, new { rows = Array.Empty<object>() }), HttpStatusCode.BadRequest, "non-empty");
    }

    [Fact]
    public async Task Champion_MovesTrafficToThePointedVersion()
    {
        var model = Models.UniqueName("champ");
        await RegisterAsync(model, Models.IrisForest);
        await RegisterAsync(model, Models.IrisForest);
        const string Body = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""";

        var latest = await HttpAssert.OkJsonAsync(await InferAsync(model, Body));
        Assert.Equal("2", latest.GetProperty("model_version").GetString());

        (await host.Admin.PutAsJsonAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative), new { version = 1 })).EnsureSuccessStatusCode();
        var champion = await HttpAssert.OkJsonAsync(await InferAsync(model, Body));
        Assert.Equal("1", champion.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task Infer_ManyConcurrentRequestsAcrossModels_AllCorrect()
    {
        var tasks = Enumerable.Range(0, 60).Select(async i =>
        {
            var body = i % 2 == 0
                ? await HttpAssert.OkJsonAsync(await InferAsync(_iris, """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[5.9,3.0,5.1,1.8]}]}"""))
                : await HttpAssert.OkJsonAsync(await InferAsync(_strings, """{"inputs":[{"name":"x","shape":[1],"datatype":"BYTES","data":["abc"]}]}"""));
            return body.GetProperty("outputs").GetRawText();
        });

        var results = await Task.WhenAll(tasks);

        Assert.All(results.Where((_, i) => i % 2 == 0), r => Assert.Contains("[2]", r, StringComparison.Ordinal));
        Assert.All(results.Where((_, i) => i % 2 == 1), r => Assert.Contains("[\"abc\"]", r, StringComparison.Ordinal));
    }
}
