using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using ModelOps.Http;
using ModelOps.Testing;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// Two real host processes on one Azurite: <c>serving</c> in serving-only mode (the GPU app), <c>front</c> a full host
/// whose <c>ModelOps:GpuServing:BaseUrl</c> points at it. A serving-mode host marks every response with
/// <see cref="HttpApplicationBuilderExtensions.ServingHeader"/>, so a response through <c>front</c> that carries it was
/// answered by <c>serving</c>. A third full host points at a port where nothing answers in time.
/// </summary>
public sealed class GpuForwardingTests : IAsyncLifetime
{
    private const string IrisRow = "[[5.9,3.0,5.1,1.8]]";

    private readonly AzuriteFixture _azurite = new();
    private readonly string _heavy = Models.UniqueName("heavy");
    private readonly string _light = Models.UniqueName("light");
    private int _silentPort;
    private HostProcess? _serving;
    private HostProcess? _front;
    private HostProcess? _orphan;

    private HostProcess Serving => _serving!;

    private HostProcess Front => _front!;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        _serving = await HostProcess.StartAsync(_azurite, new Dictionary<string, string> { ["ModelOps__Mode"] = "Serving" });
        _front = await HostProcess.StartAsync(_azurite, new Dictionary<string, string> { ["ModelOps__GpuServing__BaseUrl"] = _serving.BaseAddress.ToString() });

        // Accepts connections and never answers: first closed (refused, 502), then listening (silent, 504).
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _silentPort = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _orphan = await HostProcess.StartAsync(_azurite, new Dictionary<string, string>
        {
            ["ModelOps__GpuServing__BaseUrl"] = $"http://127.0.0.1:{_silentPort.ToString(CultureInfo.InvariantCulture)}/",
            ["ModelOps__GpuServing__Timeout"] = "00:00:01",
        });

        await RegisterAsync(_heavy, "serving=gpu");
        await RegisterAsync(_light, null);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _orphan, _front, _serving })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task Infer_GpuTaggedVersion_AnsweredByServingHost()
    {
        using var infer = await PostAsync(Front.Api, $"/v2/models/{_heavy}/infer", $$"""{"id":"r1","inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":{{IrisRow}}}]}""");
        using var pinned = await PostAsync(Front.Api, $"/v2/models/{_heavy}/versions/1/infer", $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":{{IrisRow}}}]}""");
        using var predict = await PostAsync(Front.Api, $"/api/models/{_heavy}/predict", $$"""{"instances":{{IrisRow}}}""");
        using var metadata = await Front.Api.GetAsync(new Uri($"/v2/models/{_heavy}", UriKind.Relative));

        var body = await HttpAssert.OkJsonAsync(infer);
        Assert.Equal("r1", body.GetProperty("id").GetString());
        Assert.Equal("1", body.GetProperty("model_version").GetString());
        await HttpAssert.OkJsonAsync(pinned);
        Assert.Equal(2, (await HttpAssert.OkJsonAsync(predict)).GetProperty("predictions")[0].GetProperty("label").GetInt64());
        Assert.Equal(_heavy, (await HttpAssert.OkJsonAsync(metadata)).GetProperty("name").GetString());
        foreach (var response in new[] { infer, pinned, predict, metadata })
        {
            Assert.Equal("serving", ServedBy(response));
        }
    }

    [Fact]
    public async Task Infer_UntaggedVersion_AnsweredLocally()
    {
        using var infer = await PostAsync(Front.Api, $"/v2/models/{_light}/infer", $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":{{IrisRow}}}]}""");
        using var predict = await PostAsync(Front.Api, $"/api/models/{_light}/predict", $$"""{"instances":{{IrisRow}}}""");

        await HttpAssert.OkJsonAsync(infer);
        await HttpAssert.OkJsonAsync(predict);
        Assert.Null(ServedBy(infer));
        Assert.Null(ServedBy(predict));
    }

    [Fact]
    public async Task Infer_ServingHostRejects_StatusAndErrorBodyPassThrough()
    {
        // The serving host checks the caller's own key: a request it refuses comes back as it answered.
        using var badInput = await PostAsync(Front.Api, $"/v2/models/{_heavy}/infer", """{"inputs":[{"name":"X","shape":[1,3],"datatype":"FP32","data":[[1,2,3]]}]}""");
        using var noVersion = await PostAsync(Front.Api, $"/v2/models/{_heavy}/versions/9/infer", """{"inputs":[]}""");
        using var noKey = await PostAsync(Front.Anonymous, $"/v2/models/{_heavy}/infer", """{"inputs":[]}""");

        await HttpAssert.ErrorAsync(badInput, HttpStatusCode.BadRequest);
        Assert.Equal("serving", ServedBy(badInput));
        await HttpAssert.ErrorAsync(noVersion, HttpStatusCode.NotFound);
        await HttpAssert.ErrorAsync(noKey, HttpStatusCode.Unauthorized);
        Assert.Null(ServedBy(noKey));
    }

    [Fact]
    public async Task ServingMode_ManagementRoutes_NotMapped()
    {
        using var list = await Serving.Admin.GetAsync(new Uri("/api/models", UriKind.Relative));
        using var runs = await Serving.Admin.GetAsync(new Uri("/api/runs", UriKind.Relative));
        using var ready = await Serving.Anonymous.GetAsync(new Uri("/v2/health/ready", UriKind.Relative));

        await HttpAssert.ErrorAsync(list, HttpStatusCode.NotFound, "No route matches");
        await HttpAssert.ErrorAsync(runs, HttpStatusCode.NotFound, "No route matches");
        await HttpAssert.OkJsonAsync(ready);
        Assert.Equal("serving", ServedBy(ready));
    }

    [Fact]
    public async Task Infer_ServingAppDownThenSilent_502Then504WithJson()
    {
        var request = $$"""{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":{{IrisRow}}}]}""";
        using var down = await PostAsync(_orphan!.Api, $"/v2/models/{_heavy}/infer", request);
        await HttpAssert.ErrorAsync(down, HttpStatusCode.BadGateway, "GPU serving app");

        using var listener = new TcpListener(IPAddress.Loopback, _silentPort);
        listener.Start();
        using var silent = await PostAsync(_orphan.Api, $"/v2/models/{_heavy}/infer", request);
        await HttpAssert.ErrorAsync(silent, HttpStatusCode.GatewayTimeout, "did not answer");

        using var light = await PostAsync(_orphan.Api, $"/v2/models/{_light}/infer", request);
        await HttpAssert.OkJsonAsync(light);
    }

    private static string? ServedBy(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HttpApplicationBuilderExtensions.ServingHeader, out var values) ? values.Single() : null;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json) =>
        client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task RegisterAsync(string model, string? tags)
    {
        var content = new ByteArrayContent(Models.IrisForest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var query = tags is null ? string.Empty : "?tags=" + Uri.EscapeDataString(tags);
        using var response = await Front.Admin.PostAsync(new Uri($"/api/models/{model}/versions{query}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }
}
