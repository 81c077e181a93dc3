using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;

namespace ModelOps.Host.Tests.EndToEnd;

[Collection(HostCollection.Name)]
public sealed class RegistryEndpointsTests(HostProcessFixture host)
{
    private static ByteArrayContent Onnx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private Task<HttpResponseMessage> RegisterAsync(string model, byte[] bytes, string query = "") =>
        host.Admin.PostAsync(new Uri($"/api/models/{model}/versions{query}", UriKind.Relative), Onnx(bytes));

    [Fact]
    public async Task Register_TwoVersions_CountUpWithSignatureAndLineage()
    {
        var model = Models.UniqueName("iris");
        var bytes = Models.IrisForest;

        var first = await HttpAssert.OkJsonAsync(await RegisterAsync(model, bytes, "?description=forest&tags=team%3Dml,stage%3Ddev&metrics=accuracy%3D0.96&source=run-42"), HttpStatusCode.Created);
        var second = await HttpAssert.OkJsonAsync(await RegisterAsync(model, bytes), HttpStatusCode.Created);

        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(2, second.GetProperty("version").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), first.GetProperty("sha256").GetString());
        Assert.Equal(bytes.Length, first.GetProperty("size").GetInt64());
        Assert.Equal("forest", first.GetProperty("description").GetString());
        Assert.Equal("ml", first.GetProperty("tags").GetProperty("team").GetString());
        Assert.Equal(0.96, first.GetProperty("metrics").GetProperty("accuracy").GetDouble());
        Assert.Equal("run-42", first.GetProperty("source").GetString());
        Assert.Equal("PendingManualApproval", first.GetProperty("approvalStatus").GetString());
        var input = first.GetProperty("inputs")[0];
        Assert.Equal("X", input.GetProperty("name").GetString());
        Assert.Equal("FP32", input.GetProperty("datatype").GetString());
        Assert.Equal("[-1,4]", input.GetProperty("shape").GetRawText());

        var versions = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}/versions", UriKind.Relative)));
        Assert.Equal([1, 2], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        var artifact = await host.Admin.GetByteArrayAsync(new Uri($"/api/models/{model}/versions/1/artifact", UriKind.Relative));
        Assert.Equal(bytes, artifact);

        var listed = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(new Uri("/api/models", UriKind.Relative)));
        Assert.Contains(listed.GetProperty("models").EnumerateArray(), m => m.GetProperty("name").GetString() == model && m.GetProperty("latestVersion").GetInt32() == 2);
    }

    [Fact]
    public async Task Register_ConcurrentUploads_EachGetsItsOwnVersion()
    {
        var model = Models.UniqueName("race");
        var bytes = Models.DynamicAxes;

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RegisterAsync(model, bytes)));

        var numbers = new List<int>();
        foreach (var response in responses)
        {
            numbers.Add((await HttpAssert.OkJsonAsync(response, HttpStatusCode.Created)).GetProperty("version").GetInt32());
        }

        Assert.Equal(Enumerable.Range(1, 8), numbers.Order());
    }

    [Fact]
    public async Task Register_NotOnnx_400AndNothingStored()
    {
        var model = Models.UniqueName("junk");

        await HttpAssert.ErrorAsync(await RegisterAsync(model, Encoding.UTF8.GetBytes("definitely not a model")), HttpStatusCode.BadRequest, "not a model onnxruntime can load");
        await HttpAssert.ErrorAsync(await RegisterAsync(model, []), HttpStatusCode.BadRequest, "body is empty");

        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}", UriKind.Relative)), HttpStatusCode.NotFound, "does not exist");
    }

    [Theory]
    [InlineData("a..b", HttpStatusCode.BadRequest, "'..'")]
    [InlineData("bad%23name", HttpStatusCode.BadRequest, "'#'")]
    [InlineData("bad%20name", HttpStatusCode.BadRequest, "' '")]
    [InlineData("caf%C3%A9", HttpStatusCode.BadRequest, "'é'")]
    [InlineData("-a", HttpStatusCode.BadRequest, "must start with a letter or digit")]
    [InlineData("a%2Fb", HttpStatusCode.BadRequest, "The model name 'a%2Fb'")]
    [InlineData("%2E%2E", HttpStatusCode.NotFound, "No route")]
    public async Task Register_UnsafeName_400(string encodedName, HttpStatusCode status, string fragment) =>
        await HttpAssert.ErrorAsync(await RegisterAsync(encodedName, Models.DynamicAxes), status, fragment);

    [Fact]
    public async Task Register_BadMetric_400() =>
        await HttpAssert.ErrorAsync(await RegisterAsync(Models.UniqueName("m"), Models.DynamicAxes, "?metrics=auc%3Dhigh"), HttpStatusCode.BadRequest, "'high' is not a finite number");

    [Fact]
    public async Task Aliases_PointMoveAndDelete_WithETags()
    {
        var model = Models.UniqueName("alias");
        await RegisterAsync(model, Models.DynamicAxes);
        await RegisterAsync(model, Models.DynamicAxes);

        await HttpAssert.ErrorAsync(
            await host.Admin.PutAsJsonAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative), new { version = 7 }),
            HttpStatusCode.BadRequest,
            "has no version");

        var set = await host.Admin.PutAsJsonAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative), new { version = 1 });
        var etag = set.Headers.ETag!.ToString();
        Assert.Equal(1, (await HttpAssert.OkJsonAsync(set)).GetProperty("version").GetInt32());

        var moved = await SendAsync(HttpMethod.Put, $"/api/models/{model}/aliases/champion", new { version = 2 }, etag);
        await HttpAssert.OkJsonAsync(moved);

        var stale = await SendAsync(HttpMethod.Put, $"/api/models/{model}/aliases/champion", new { version = 1 }, etag);
        await HttpAssert.ErrorAsync(stale, HttpStatusCode.PreconditionFailed, "has changed");

        var got = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}", UriKind.Relative)));
        Assert.Equal(2, got.GetProperty("aliases").GetProperty("champion").GetInt32());

        var deleted = await host.Admin.DeleteAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await HttpAssert.ErrorAsync(await host.Admin.DeleteAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative)), HttpStatusCode.NotFound, "no alias 'champion'");
    }

    [Fact]
    public async Task Patch_StaleIfMatch_412AndNoLostUpdate()
    {
        var model = Models.UniqueName("patch");
        var created = await RegisterAsync(model, Models.DynamicAxes);
        var etag = created.Headers.ETag!.ToString();

        var approved = await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { approvalStatus = "Approved", tags = new { owner = "ana" } }, etag);
        var body = await HttpAssert.OkJsonAsync(approved);
        Assert.Equal("Approved", body.GetProperty("approvalStatus").GetString());

        var stale = await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { description = "overwrites?" }, etag);
        await HttpAssert.ErrorAsync(stale, HttpStatusCode.PreconditionFailed, "has changed since the ETag");

        var unconditional = await Task.WhenAll(
            SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { description = "one" }, null),
            SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { approvalStatus = "Rejected" }, null));
        Assert.All(unconditional, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var final = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}/versions/1", UriKind.Relative)));
        Assert.Equal("one", final.GetProperty("description").GetString());
        Assert.Equal("Rejected", final.GetProperty("approvalStatus").GetString());
        Assert.Equal("ana", final.GetProperty("tags").GetProperty("owner").GetString());

        await HttpAssert.ErrorAsync(
            await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { approvalStatus = "Maybe" }, null),
            HttpStatusCode.BadRequest,
            "approvalStatus 'Maybe'");
        await HttpAssert.ErrorAsync(
            await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { sha256 = "00" }, null),
            HttpStatusCode.BadRequest,
            "'sha256' cannot be changed");
    }

    [Theory]
    [InlineData("\"bogus\"")]
    [InlineData("bogus")]
    [InlineData("W/\"0x8D\"")]
    public async Task IfMatch_NotAnETagOfOurs_412NotServerError(string ifMatch)
    {
        var model = Models.UniqueName("etag");
        await RegisterAsync(model, Models.DynamicAxes);
        (await host.Admin.PutAsJsonAsync(new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative), new { version = 1 })).EnsureSuccessStatusCode();

        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Put, $"/api/models/{model}/aliases/champion", new { version = 1 }, ifMatch), HttpStatusCode.PreconditionFailed, "has changed");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", new { description = "x" }, ifMatch), HttpStatusCode.PreconditionFailed, "has changed");
        using var delete = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/models/{model}/aliases/champion", UriKind.Relative));
        delete.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        await HttpAssert.ErrorAsync(await host.Admin.SendAsync(delete), HttpStatusCode.PreconditionFailed, "has changed");
    }

    [Fact]
    public async Task Keys_MissingOrWrong401_InferenceKeyOnManagement403NamingTheRole()
    {
        await HttpAssert.ErrorAsync(await host.Anonymous.GetAsync(new Uri("/api/models", UriKind.Relative)), HttpStatusCode.Unauthorized, "Missing key");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/models", UriKind.Relative));
        wrong.Headers.Add("x-functions-key", "nope");
        await HttpAssert.ErrorAsync(await host.Anonymous.SendAsync(wrong), HttpStatusCode.Unauthorized, "not valid");
        await HttpAssert.ErrorAsync(await host.Api.GetAsync(new Uri("/api/models", UriKind.Relative)), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Reader'");
        await HttpAssert.ErrorAsync(
            await host.Api.PostAsync(new Uri($"/api/models/{Models.UniqueName("k")}/versions", UriKind.Relative), Onnx(Models.DynamicAxes)),
            HttpStatusCode.Forbidden,
            "needs the role 'ModelOps.Trainer'");
    }

    [Fact]
    public async Task UnknownModelAndVersion_404()
    {
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(new Uri("/api/models/nobody-here", UriKind.Relative)), HttpStatusCode.NotFound, "'nobody-here' does not exist");
        var model = Models.UniqueName("v");
        await RegisterAsync(model, Models.DynamicAxes);
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}/versions/9", UriKind.Relative)), HttpStatusCode.NotFound, "has no version 9");
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(new Uri($"/api/models/{model}/versions/x", UriKind.Relative)), HttpStatusCode.NotFound, "no version 'x'");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return host.Admin.SendAsync(request);
    }
}
