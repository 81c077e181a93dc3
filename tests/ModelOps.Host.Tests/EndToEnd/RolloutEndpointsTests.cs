using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>
/// Traffic policy, routing, serving history and a canary rollout through the real host: weights and stickiness seen in
/// the answers' <c>model_version</c>, ETags, errors naming their field, and a rollout driven by the durable engine.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class RolloutEndpointsTests(HostProcessFixture host)
{
    private const string IrisInfer = """{"inputs":[{"name":"X","shape":[1,4],"datatype":"FP32","data":[[5.9,3.0,5.1,1.8]]}]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri Url(string path) => new(path, UriKind.Relative);

    [Fact]
    public async Task TrafficAndCanary_ThroughTheHost_RoutesByWeightsKeepsCallersAndRecordsHistory()
    {
        var model = Models.UniqueName("rollout");
        await RegisterAsync(model);
        await RegisterAsync(model);
        await RegisterAsync(model);
        await HttpAssert.OkJsonAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/aliases/champion"), Json("""{"version":1}""")));
        var beforePolicy = DateTimeOffset.UtcNow;
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/traffic")), HttpStatusCode.NotFound, "no traffic policy");

        await HttpAssert.ErrorAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/traffic"), Json("""{"weights":{"1":60,"2":30}}""")), HttpStatusCode.BadRequest, "'weights' sum to 90");
        await HttpAssert.ErrorAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/traffic"), Json("""{"weights":{"1":50,"9":50}}""")), HttpStatusCode.BadRequest, "'weights.9'");
        await HttpAssert.ErrorAsync(await host.Admin.PutAsync(Url($"/api/models/{model}/traffic"), Json("""{"weights":{"1":100},"sticky":{"cookie":"session"}}""")), HttpStatusCode.BadRequest, "'sticky.cookie' is not valid");
        await HttpAssert.ErrorAsync(await host.Api.PutAsync(Url($"/api/models/{model}/traffic"), Json("""{"weights":{"1":100}}""")), HttpStatusCode.Forbidden);
        var put = await host.Admin.PutAsync(Url($"/api/models/{model}/traffic"), Json("""{"weights":{"1":50,"2":50},"sticky":{"header":"x-user"},"mirror":{"version":3,"percent":50}}"""));
        await HttpAssert.OkJsonAsync(put);
        var etag = put.Headers.ETag!.Tag;
        var stale = new HttpRequestMessage(HttpMethod.Put, Url($"/api/models/{model}/traffic")) { Content = Json("""{"weights":{"1":100}}""") };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"", isWeak: true));
        await HttpAssert.ErrorAsync(await host.Admin.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        var read = await host.Admin.GetAsync(Url($"/api/models/{model}/traffic"));
        Assert.Equal(50, (await HttpAssert.OkJsonAsync(read)).GetProperty("weights").GetProperty("2").GetInt32());
        Assert.Equal(etag, read.Headers.ETag!.Tag);

        // Random callers see both versions; one caller always the same one; every answer names its version.
        var seen = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            seen.Add(await InferAsync(model, $"caller-{i}"));
        }

        Assert.Equal(["1", "2"], seen.Order());
        var mine = await InferAsync(model, "alice");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(mine, await InferAsync(model, "alice"));
        }

        // A canary of version 3 over the largest share (version 2 ranks first on a tie: the newest), then a second is refused.
        var bad = await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json("""{"version":3,"strategy":"sideways"}"""));
        await HttpAssert.ErrorAsync(bad, HttpStatusCode.BadRequest, "'strategy'");
        await HttpAssert.ErrorAsync(
            await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json("""{"version":3,"guardrails":{"maxPsi":0.2,"driftScore":1}}""")),
            HttpStatusCode.BadRequest,
            "'guardrails.driftScore' is not a guardrail");
        await HttpAssert.ErrorAsync(
            await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json("""{"version":3,"guardrails":{"qualityMetric":"top5"}}""")),
            HttpStatusCode.BadRequest,
            "'guardrails.qualityMetric' is 'top5', not a metric");
        await HttpAssert.ErrorAsync(
            await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json("""{"version":3,"guardrails":{"maxPsi":50}}""")),
            HttpStatusCode.BadRequest,
            "'guardrails.maxPsi' is 50");
        var created = await host.Admin.PostAsync(
            Url($"/api/models/{model}/rollouts"),
            Json("""{"version":3,"strategy":"canary","percent":20,"bakeTime":"00:00:02","evaluationInterval":"00:00:00.500"}"""));
        var rollout = await HttpAssert.OkJsonAsync(created, HttpStatusCode.Created);
        Assert.Equal("canary", rollout.GetProperty("strategy").GetString());
        Assert.Equal(2, rollout.GetProperty("baseline").GetInt32());
        var location = created.Headers.Location!.ToString();
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url($"/api/models/{model}/rollouts"), Json("""{"version":3,"strategy":"direct"}""")), HttpStatusCode.Conflict, "active rollout");
        await HttpAssert.ErrorAsync(await host.Admin.PostAsync(Url(location + "/approve"), null), HttpStatusCode.Conflict, "not waiting for approval");

        var deadline = Stopwatch.StartNew();
        JsonElement state;
        do
        {
            await InferAsync(model, null);
            state = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url(location)));
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), state.GetRawText());
        }
        while (state.GetProperty("status").GetString() is "Running" or "WaitingForApproval");

        Assert.Equal("Succeeded", state.GetProperty("status").GetString());
        Assert.Equal(100, state.GetProperty("currentPercent").GetInt32());
        Assert.Equal("3", await InferAsync(model, "alice"));

        var history = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/history")));
        var changes = history.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        Assert.Equal(100, changes[0].GetProperty("policy").GetProperty("weights").GetProperty("3").GetInt32());
        Assert.Equal(20, changes[1].GetProperty("policy").GetProperty("weights").GetProperty("3").GetInt32());
        Assert.Equal("Set through the API.", changes[2].GetProperty("reason").GetString());
        Assert.DoesNotContain("rollout:", changes[2].GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        var canaryAt = changes[1].GetProperty("at").GetDateTimeOffset().AddMilliseconds(1).ToString("O");
        var at = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/history?at={Uri.EscapeDataString(canaryAt)}")));
        Assert.Equal(80, at.GetProperty("weights").GetProperty("2").GetInt32());
        Assert.StartsWith("rollout:", at.GetProperty("changedBy").GetString(), StringComparison.Ordinal);
        var before = await HttpAssert.OkJsonAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/history?at={Uri.EscapeDataString(beforePolicy.AddMinutes(-1).ToString("O"))}")));
        Assert.False(before.TryGetProperty("weights", out _), before.GetRawText());
        await HttpAssert.ErrorAsync(await host.Admin.GetAsync(Url($"/api/models/{model}/history?at=yesterday")), HttpStatusCode.BadRequest, "'at'");
    }

    private async Task RegisterAsync(string model)
    {
        var content = new ByteArrayContent(Models.IrisForest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await host.Admin.PostAsync(Url($"/api/models/{model}/versions"), content)).EnsureSuccessStatusCode();
    }

    /// <summary>Infers once (as <paramref name="user"/> when given) and returns the version the body and header name.</summary>
    private async Task<string> InferAsync(string model, string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url($"/v2/models/{model}/infer")) { Content = Json(IrisInfer) };
        if (user is not null)
        {
            request.Headers.Add("x-user", user);
        }

        var response = await host.Api.SendAsync(request);
        var body = await HttpAssert.OkJsonAsync(response);
        var version = body.GetProperty("model_version").GetString()!;
        Assert.Equal(version, Assert.Single(response.Headers.GetValues("model-version")));
        return version;
    }
}
