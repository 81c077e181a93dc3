using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ModelOps.Functions.Tests.Support;
using ModelOps.Testing;

namespace ModelOps.Functions.Tests.Http;

/// <summary>
/// The Functions app forwards GPU-tagged versions as the local host does (the pipeline is ModelOps.Http's): with
/// <c>ModelOps:GpuServing:BaseUrl</c> at a port where nothing listens, a tagged version's inference functions answer 502
/// with a JSON error instead of running the model here, and an untagged one runs here. The answered forwarding itself
/// is tested with two real hosts in ModelOps.Host.Tests (EndToEnd/GpuForwardingTests).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GpuForwardingTests(AzuriteFixture azurite)
{
    private static readonly byte[] Mlp = File.ReadAllBytes(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", "mlp.onnx"));

    private static readonly float[] Row = [.. Enumerable.Range(0, 20).Select(i => i / 10f)];

    [Fact]
    public async Task InferenceFunctions_GpuTaggedVersion_ForwardedAndUnreachableIs502()
    {
        await using var app = await FunctionsApp.StartAsync(azurite, settings: new Dictionary<string, string?>
        {
            ["ModelOps:GpuServing:BaseUrl"] = $"http://127.0.0.1:{ClosedPort().ToString(CultureInfo.InvariantCulture)}/",
        });
        (await HttpCall.SendAsync(app, app.Management, "POST", "/api/models/heavy/versions?tags=serving%3Dgpu", Mlp, "application/octet-stream")).Expect(201);
        (await HttpCall.SendAsync(app, app.Management, "POST", "/api/models/light/versions", Mlp, "application/octet-stream")).Expect(201);
        var infer = new { inputs = new[] { new { name = "x", shape = new[] { 1, 20 }, datatype = "FP32", data = Row } } };

        var predict = (await HttpCall.SendJsonAsync(app, app.Http.InferencePredictAsync, "POST", "/api/models/heavy/predict", new { instances = new[] { Row } })).Expect(502).Json;
        var pinned = (await HttpCall.SendJsonAsync(app, app.Http.InferencePredictVersionAsync, "POST", "/api/models/heavy/versions/1/predict", new { instances = new[] { Row } })).Expect(502).Json;
        var v2 = (await HttpCall.SendJsonAsync(app, app.Http.InferenceV2Async, "POST", "/v2/models/heavy/infer", infer)).Expect(502).Json;
        var light = (await HttpCall.SendJsonAsync(app, app.Http.InferenceV2Async, "POST", "/v2/models/light/infer", infer)).Expect(200).Json;

        foreach (var error in new[] { predict, pinned, v2 })
        {
            Assert.Contains("GPU serving app", error.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("1", light.GetProperty("model_version").GetString());
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
