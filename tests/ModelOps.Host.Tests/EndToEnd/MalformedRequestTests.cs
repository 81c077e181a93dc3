using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// Requests that are not what they claim (text that is not Unicode, keys given twice, paths the server cannot parse):
/// each is a 4xx whose JSON body names the problem, nothing is stored, and the host keeps serving.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MalformedRequestTests(HostProcessFixture host) : IAsyncLifetime
{
    private readonly string _strings = Models.UniqueName("strings");
    private readonly string _iris = Models.UniqueName("iris");

    public async Task InitializeAsync()
    {
        foreach (var (name, bytes) in new[] { (_strings, Models.Strings), (_iris, Models.IrisForest) })
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            (await host.Admin.PostAsync(Url($"/api/models/{name}/versions"), content)).EnsureSuccessStatusCode();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Uri Url(string path) => new(path, UriKind.Relative);

    /// <summary>JSON text with <c>BAD</c> replaced by raw bytes: invalid UTF-8 (FF FE) or an escaped lone surrogate.</summary>
    private static ByteArrayContent Body(string json, string bad)
    {
        var parts = json.Split("BAD");
        var badBytes = bad == "utf8" ? new byte[] { 0xFF, 0xFE } : Encoding.ASCII.GetBytes("\\ud800");
        var bytes = new List<byte>(Encoding.UTF8.GetBytes(parts[0]));
        for (var i = 1; i < parts.Length; i++)
        {
            bytes.AddRange(badBytes);
            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static TheoryData<string, string, string> BadTextCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var bad in new[] { "utf8", "surrogate" })
        {
            data.Add("infer-bytes", bad, "inputs[0].data[1]");
            data.Add("infer-name", bad, "inputs[0].name");
            data.Add("infer-id", bad, "'id'");
            data.Add("predict-row-key", bad, "key that is not valid Unicode text in 'rows[0]'");
            data.Add("patch-description", bad, "'description'");
            data.Add("training-label", bad, "'label'");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadTextCases))]
    public async Task Json_TextThatIsNotUnicode_400NamingTheField(string where, string bad, string fragment)
    {
        var response = where switch
        {
            "infer-bytes" => await host.Api.PostAsync(Url($"/v2/models/{_strings}/infer"), Body("""{"inputs":[{"name":"input","shape":[2],"datatype":"BYTES","data":["ok","BAD"]}]}""", bad)),
            "infer-name" => await host.Api.PostAsync(Url($"/v2/models/{_iris}/infer"), Body("""{"inputs":[{"name":"xBAD","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", bad)),
            "infer-id" => await host.Api.PostAsync(Url($"/v2/models/{_iris}/infer"), Body("""{"id":"BAD","inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", bad)),
            "predict-row-key" => await host.Api.PostAsync(Url($"/api/models/{_iris}/predict"), Body("""{"rows":[{"aBAD":1}]}""", bad)),
            "patch-description" => await host.Admin.PatchAsync(Url($"/api/models/{_iris}/versions/1"), Body("""{"description":"BAD"}""", bad)),
            _ => await host.Admin.PutAsync(Url($"/api/models/{_iris}/training"), Body("""{"label":"BAD","task":"binary","trainer":"logistic"}""", bad)),
        };

        var error = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("not valid Unicode text", error, StringComparison.Ordinal);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.True(host.IsRunning);
        var version = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{_iris}/versions/1")));
        Assert.False(version.TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("""{"inputs":[],"inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[1,2,3,4]}]}""", "'inputs' twice in the top-level object")]
    [InlineData("""{"inputs":[{"name":"float_input","shape":[1,4],"shape":[2,2],"datatype":"FP32","data":[1,2,3,4]}]}""", "'shape' twice in 'inputs[0]'")]
    [InlineData("""{"id":"a","inputs":[{"name":"float_input","shape":[1,4],"datatype":"FP32","data":[1,2,3,4],"parameters":{"x":1,"x":2}}]}""", "'x' twice in 'inputs[0].parameters'")]
    public async Task Infer_DuplicateKey_400NamingTheKey(string json, string fragment)
    {
        var response = await host.Api.PostAsync(Url($"/v2/models/{_iris}/infer"), new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Contains(fragment, await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PredictAndPatch_DuplicateKey_400NamingTheKeyAndNothingChanges()
    {
        var predict = await host.Api.PostAsync(Url($"/api/models/{_iris}/predict"), new StringContent("""{"rows":[{"a":1,"a":2}]}""", Encoding.UTF8, "application/json"));
        var patch = await host.Admin.PatchAsync(Url($"/api/models/{_iris}/versions/1"), new StringContent("""{"description":"one","description":"two"}""", Encoding.UTF8, "application/json"));

        Assert.Contains("'a' twice in 'rows[0]'", await HttpAssert.ErrorAsync(predict, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("'description' twice", await HttpAssert.ErrorAsync(patch, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        var version = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{_iris}/versions/1")));
        Assert.False(version.TryGetProperty("description", out _));
    }

    [Theory]
    [InlineData("GET /api/models/a%00b HTTP/1.1\r\nHost: x\r\nx-functions-key: KEY\r\n\r\n", 400)]
    [InlineData("GET /api/models/ok HTTP/1.1\r\nHost: x\r\nNot a header\r\n\r\n", 400)]
    [InlineData("BREW /pot HTTP/1.1\r\nHost x\r\n\r\n", 400)]
    public async Task RequestTheServerCannotParse_JsonErrorBody(string request, int status)
    {
        var (code, contentType, body) = await RawAsync(request.Replace("KEY", HostProcess.AdminKey, StringComparison.Ordinal));

        Assert.Equal(status, code);
        Assert.Equal("application/json", contentType);
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
        Assert.True(host.IsRunning);
    }

    [Theory]
    [InlineData("GET", "/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/v2/health/live", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/models/UPPER case", HttpStatusCode.BadRequest)]
    public async Task RoutingFailures_CarryAJsonError(string method, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), Url(path));

        var response = await host.Admin.SendAsync(request);

        Assert.False(string.IsNullOrWhiteSpace(await HttpAssert.ErrorAsync(response, status)));
    }

    /// <summary>Sends raw bytes (what HttpClient refuses to send) and reads the status line, content type and body.</summary>
    private async Task<(int Status, string? ContentType, string Body)> RawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync() ?? string.Empty;
        string? contentType = null;
        var length = 0;
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new char[length];
        var read = 0;
        while (read < length)
        {
            read += await reader.ReadAsync(body.AsMemory(read));
        }

        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), contentType, new string(body));
    }
}
