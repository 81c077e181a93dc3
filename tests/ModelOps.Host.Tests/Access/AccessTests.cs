using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelOps.Access;
using ModelOps.Host.Tests.EndToEnd;

namespace ModelOps.Host.Tests.Access;

/// <summary>Bearer tokens, roles, prefix grants, four-eyes approval and the audit trail, through the real host process.</summary>
public sealed class AccessTests(AccessHostFixture fixture) : IClassFixture<AccessHostFixture>
{
    private HostProcess Host => fixture.Host;

    private TestTokens Tokens => fixture.Tokens;

    [Fact]
    public async Task BadTokens_Are401SayingWhatIsWrong()
    {
        var now = DateTimeOffset.UtcNow;
        var cases = new (string Why, string Token, string Expected)[]
        {
            ("expired", Tokens.Issue("u-exp", [AppRoles.Admin], notBefore: now.AddHours(-3), expires: now.AddHours(-1)), "has expired"),
            ("not yet valid", Tokens.Issue("u-nbf", [AppRoles.Admin], notBefore: now.AddHours(1), expires: now.AddHours(2)), "not valid yet"),
            ("wrongly signed", Tokens.Issue("u-sig", [AppRoles.Admin], wrongKey: true), "signature is not valid"),
            ("wrong audience", Tokens.Issue("u-aud", [AppRoles.Admin], audience: "api://someone-else"), "another audience"),
            ("other tenant", Tokens.Issue("u-tid", [AppRoles.Admin], tenant: "00000000-0000-0000-0000-000000000001"), "another tenant"),
            ("not a token", "abc.def.ghi", "not valid"),
        };

        foreach (var (why, token, expected) in cases)
        {
            using var response = await SendAsync(HttpMethod.Get, "/api/models", token);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {(int)response.StatusCode} {body}");
            Assert.Contains(expected, body, StringComparison.Ordinal);
            Assert.DoesNotContain(token, body, StringComparison.Ordinal);
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ValidTokenWithoutTheRole_Is403NamingIt()
    {
        var reader = Tokens.Issue("u-reader", [AppRoles.Reader]);

        using var list = await SendAsync(HttpMethod.Get, "/api/models", reader);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Put, "/api/models/m-any/aliases/champion", reader, Json("""{"version":1}""")), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Deployer'");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/models/m-any/predict", reader, Json("""{"rows":[]}""")), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Invoker'");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Get, "/api/audit", reader), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Admin'");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Get, "/api/models", Tokens.Issue("u-none", [])), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Reader'");
    }

    [Fact]
    public async Task PrefixGrant_CoversMatchingModelsOnly()
    {
        var principal = "u-fraud-" + Guid.NewGuid().ToString("N")[..8];
        var assignment = await HttpAssert.OkJsonAsync(await Host.Admin.PutAsync(
            Url($"/api/access/assignments/{principal}"),
            Json($$"""{"principal":"{{principal}}","role":"ModelOps.Invoker","scope":"fraud-*"}""")));
        Assert.Equal("fraud-*", assignment.GetProperty("scope").GetString());
        var token = Tokens.Issue(principal, []);

        // Allowed: the model does not exist, so 404 rather than 403.
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/models/fraud-detector/predict", token, Json("""{"rows":[{"a":1}]}""")), HttpStatusCode.NotFound, "fraud-detector");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/models/churn/predict", token, Json("""{"rows":[{"a":1}]}""")), HttpStatusCode.Forbidden, "needs the role 'ModelOps.Invoker' (or 'ModelOps.Admin') on model 'churn'");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/models/frau/predict", token, Json("""{"rows":[{"a":1}]}""")), HttpStatusCode.Forbidden, "on model 'frau'");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Get, "/api/models/fraud-detector/versions", token), HttpStatusCode.Forbidden, "'ModelOps.Reader'");

        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.DeleteAsync(Url($"/api/access/assignments/{principal}"))).StatusCode);
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Post, "/api/models/fraud-detector/predict", token, Json("""{"rows":[{"a":1}]}""")), HttpStatusCode.Forbidden, "fraud-detector");
    }

    [Fact]
    public async Task Assignment_UnknownRoleOrBadScope_Is400()
    {
        await HttpAssert.ErrorAsync(
            await Host.Admin.PutAsync(Url("/api/access/assignments/bad-role"), Json("""{"principal":"u1","role":"ModelOps.Owner","scope":"*"}""")),
            HttpStatusCode.BadRequest,
            "'ModelOps.Reader', 'ModelOps.Invoker', 'ModelOps.Deployer', 'ModelOps.Trainer', 'ModelOps.Admin'");
        await HttpAssert.ErrorAsync(
            await Host.Admin.PutAsync(Url("/api/access/assignments/bad-scope"), Json("""{"principal":"u1","role":"ModelOps.Reader","scope":"*fraud"}""")),
            HttpStatusCode.BadRequest,
            "'*' only at its end");
        await HttpAssert.ErrorAsync(await Host.Admin.GetAsync(Url("/api/access/assignments/bad-role")), HttpStatusCode.NotFound, "no role assignment");
        await HttpAssert.ErrorAsync(
            await SendAsync(HttpMethod.Put, "/api/access/assignments/x", Tokens.Issue("u-deployer", [AppRoles.Deployer]), Json("""{"principal":"u1","role":"ModelOps.Admin","scope":"*"}""")),
            HttpStatusCode.Forbidden,
            "'ModelOps.Admin'");
    }

    [Fact]
    public async Task FourEyes_ApprovingOnesOwnVersionIs403_AnotherDeployerMayAndTheTrailSaysWho()
    {
        var model = Models.UniqueName("fourEyes");
        var author = Tokens.Issue("u-author-" + model, [AppRoles.Trainer, AppRoles.Deployer], name: "Ada Author");
        var reviewer = Tokens.Issue("u-reviewer-" + model, [AppRoles.Deployer], name: "Rex Reviewer");
        var registered = await HttpAssert.OkJsonAsync(await SendAsync(HttpMethod.Post, $"/api/models/{model}/versions", author, Onnx(Models.DynamicAxes)), HttpStatusCode.Created);
        Assert.Equal("u-author-" + model, registered.GetProperty("registeredBy").GetString());

        // Off by default: the author could approve; turn it on first.
        Assert.False((await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/access/models/{model}")))).GetProperty("fourEyes").GetBoolean());
        await HttpAssert.OkJsonAsync(await Host.Admin.PutAsync(Url($"/api/access/models/{model}"), Json("""{"fourEyes":true}""")));

        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", author, Json("""{"approvalStatus":"Approved"}""")), HttpStatusCode.Forbidden, "four-eyes");
        await HttpAssert.ErrorAsync(
            await SendAsync(HttpMethod.Post, $"/api/models/{model}/versions?approvalStatus=Approved", author, Onnx(Models.DynamicAxes)),
            HttpStatusCode.Forbidden,
            "four-eyes");
        await HttpAssert.ErrorAsync(await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", reviewer, Json("""{"description":"x"}""")), HttpStatusCode.Forbidden, "'ModelOps.Trainer'");
        var approved = await HttpAssert.OkJsonAsync(await SendAsync(HttpMethod.Patch, $"/api/models/{model}/versions/1", reviewer, Json("""{"approvalStatus":"Approved"}""")));
        Assert.Equal("Approved", approved.GetProperty("approvalStatus").GetString());

        var trail = await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}")));
        var records = trail.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["POST", "PUT", "PATCH"], records.Select(r => r.GetProperty("method").GetString()));
        var registration = records[0];
        Assert.Equal("u-author-" + model, registration.GetProperty("actorId").GetString());
        Assert.Equal("Ada Author", registration.GetProperty("actorName").GetString());
        Assert.Equal("version.registered", registration.GetProperty("changes")[0].GetProperty("action").GetString());
        var approval = records[2];
        Assert.Equal("Rex Reviewer", approval.GetProperty("actorName").GetString());
        Assert.Equal("/api/models/{model}/versions/{version}", approval.GetProperty("route").GetString());
        Assert.Equal($"/api/models/{model}/versions/1", approval.GetProperty("resource").GetString());
        Assert.Equal("127.0.0.1", approval.GetProperty("clientAddress").GetString());
        var change = approval.GetProperty("changes")[0];
        Assert.Equal("version.approval", change.GetProperty("action").GetString());
        var field = change.GetProperty("fields")[0];
        Assert.Equal(("approvalStatus", "PendingManualApproval", "Approved"), (field.GetProperty("field").GetString(), field.GetProperty("before").GetString(), field.GetProperty("after").GetString()));

        var byActor = await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}&actor=Rex%20Reviewer")));
        Assert.Single(byActor.GetProperty("records").EnumerateArray());
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(10).ToString("O"));
        Assert.Empty((await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}&from={later}")))).GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task AuditTrail_RecordsChangesAndDownloadsNotReads_AndHasNoRouteToEditIt()
    {
        var model = Models.UniqueName("audited");
        await HttpAssert.OkJsonAsync(await Host.Admin.PostAsync(Url($"/api/models/{model}/versions"), Onnx(Models.DynamicAxes)), HttpStatusCode.Created);
        await HttpAssert.OkJsonAsync(await Host.Admin.PutAsync(Url($"/api/models/{model}/aliases/champion"), Json("""{"version":1}""")));
        await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/models/{model}/versions/1")));
        Assert.Equal(HttpStatusCode.OK, (await Host.Admin.GetAsync(Url($"/api/models/{model}/versions/1/artifact"))).StatusCode);
        await HttpAssert.ErrorAsync(await Host.Admin.PutAsync(Url($"/api/models/{model}/aliases/champion"), Json("""{"version":7}""")), HttpStatusCode.BadRequest, "has no version 7");
        using var correlated = new HttpRequestMessage(HttpMethod.Delete, Url($"/api/models/{model}/aliases/champion"));
        correlated.Headers.Add("x-correlation-id", "change-4711");
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Admin.SendAsync(correlated)).StatusCode);

        var records = (await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}")))).GetProperty("records").EnumerateArray().ToList();

        Assert.Equal(["version.registered", "alias.set", "download", "alias.deleted"], records.Select(r => r.GetProperty("changes").GetArrayLength() > 0 ? r.GetProperty("changes")[0].GetProperty("action").GetString() : "download"));
        Assert.Equal("key:admin", records[1].GetProperty("actorId").GetString());
        Assert.Equal("Key", records[1].GetProperty("actorKind").GetString());
        Assert.Equal("change-4711", records[3].GetProperty("correlationId").GetString());
        var moved = records[1].GetProperty("changes")[0].GetProperty("fields")[0];
        Assert.Equal(JsonValueKind.Null, moved.TryGetProperty("before", out var before) ? before.ValueKind : JsonValueKind.Null);
        Assert.Equal("1", moved.GetProperty("after").GetString());
        Assert.Equal("1", records[3].GetProperty("changes")[0].GetProperty("fields")[0].GetProperty("before").GetString());

        var page = await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}&pageSize=2")));
        Assert.Equal(2, page.GetProperty("records").GetArrayLength());
        var next = page.GetProperty("continuationToken").GetString()!;
        var rest = await HttpAssert.OkJsonAsync(await Host.Admin.GetAsync(Url($"/api/audit?model={model}&pageSize=2&continuationToken={Uri.EscapeDataString(next)}")));
        Assert.Equal(records[2].GetProperty("id").GetString(), rest.GetProperty("records")[0].GetProperty("id").GetString());

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Post })
        {
            using var request = new HttpRequestMessage(method, Url("/api/audit")) { Content = Json("{}") };
            var response = await Host.Admin.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method} /api/audit: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task TrainingConfiguration_WithACommand_Is400AndNothingRuns()
    {
        var model = Models.UniqueName("cmd");
        var marker = Path.Combine(Path.GetTempPath(), $"modelops-{Guid.NewGuid():N}");
        var body = $$"""{"label":"y","task":"binary","trainer":"external","externalTrainer":"anything","metric":"auc","command":["/bin/sh","-c","id > {{marker}}"]}""";

        await HttpAssert.ErrorAsync(await Host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json(body)), HttpStatusCode.BadRequest, "'command' is not accepted");
        await HttpAssert.ErrorAsync(
            await Host.Admin.PutAsync(Url($"/api/models/{model}/training"), Json("""{"label":"y","task":"binary","trainer":"external","externalTrainer":"xgboost-gpu","metric":"auc"}""")),
            HttpStatusCode.BadRequest,
            "no such external trainer");
        await HttpAssert.ErrorAsync(await Host.Admin.GetAsync(Url($"/api/models/{model}/training")), HttpStatusCode.NotFound, "no training configuration");
        await HttpAssert.ErrorAsync(await Host.Admin.PostAsync(Url($"/api/models/{model}/retrain"), null), HttpStatusCode.NotFound, "no training configuration");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task SecretsNeverAppearInLogsOrErrorBodies()
    {
        var token = Tokens.Issue("u-secret", [AppRoles.Reader]);
        var expired = Tokens.Issue("u-secret", [AppRoles.Reader], notBefore: DateTimeOffset.UtcNow.AddHours(-3), expires: DateTimeOffset.UtcNow.AddHours(-1));
        var bodies = new List<string>();
        foreach (var (path, credential) in new[]
        {
            ("/api/models", token), ("/api/audit", token), ("/api/models", expired), ($"/api/models?code={HostProcess.ApiKey}", null),
            ($"/api/models/x/versions?code={HostProcess.AdminKey}x", null), ("/api/models/nope", token),
        })
        {
            using var response = await SendAsync(HttpMethod.Get, path, credential);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, Url("/api/models")))
        {
            wrong.Headers.Add("x-functions-key", HostProcess.AdminKey + "-typo");
            bodies.Add(await (await Host.Anonymous.SendAsync(wrong)).Content.ReadAsStringAsync());
        }

        bodies.Add(await (await Host.Api.PostAsync(Url("/api/models/x/versions"), Onnx([1]))).Content.ReadAsStringAsync());
        bodies.Add(await (await Host.Admin.PutAsync(Url("/api/models/x/training"), Json("{\"label\":1}"))).Content.ReadAsStringAsync());

        foreach (var secret in new[] { HostProcess.AdminKey, HostProcess.ApiKey, token, expired, token.Split('.')[2] })
        {
            Assert.DoesNotContain(secret, Host.Log, StringComparison.Ordinal);
            Assert.All(bodies, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }

        Assert.Contains("10001", Host.Log, StringComparison.Ordinal);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Onnx(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, Url(path)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Host.Anonymous.SendAsync(request);
    }
}
