using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authorization;
using ModelOps.Access;
using ModelOps.Http.Security;

namespace ModelOps.Host.Tests.Access;

/// <summary>
/// Every route the application maps (read from its EndpointDataSource, so a new route is seen) must be in the contract
/// below with its permission, and the running host must let exactly the roles that grant it through.
/// </summary>
public sealed class RouteWalkTests(AccessHostFixture fixture) : IClassFixture<AccessHostFixture>
{
    /// <summary>The contract: method and route template → the permission it needs; null = open to anyone.</summary>
    private static readonly Dictionary<string, Permission?> Contract = new(StringComparer.Ordinal)
    {
        ["GET /v2/health/live"] = null,
        ["GET /v2/health/ready"] = null,
        ["GET /v2/"] = Permission.Invoke,
        ["GET /v2/models/{model}"] = Permission.Invoke,
        ["GET /v2/models/{model}/versions/{version}"] = Permission.Invoke,
        ["GET /v2/models/{model}/ready"] = Permission.Invoke,
        ["GET /v2/models/{model}/versions/{version}/ready"] = Permission.Invoke,
        ["POST /v2/models/{model}/infer"] = Permission.Invoke,
        ["POST /v2/models/{model}/versions/{version}/infer"] = Permission.Invoke,
        ["POST /api/models/{model}/predict"] = Permission.Invoke,
        ["POST /api/models/{model}/versions/{version}/predict"] = Permission.Invoke,
        ["GET /api/models/"] = Permission.Read,
        ["GET /api/models/{model}"] = Permission.Read,
        ["PATCH /api/models/{model}"] = Permission.Admin,
        ["DELETE /api/models/{model}"] = Permission.Admin,
        ["DELETE /api/models/{model}/versions/{version}"] = Permission.Admin,
        ["POST /api/models/{model}/versions"] = Permission.Train,
        ["GET /api/models/{model}/versions"] = Permission.Read,
        ["GET /api/models/{model}/versions/{version}"] = Permission.Read,
        ["PATCH /api/models/{model}/versions/{version}"] = Permission.Read,
        ["GET /api/models/{model}/versions/{version}/artifact"] = Permission.Read,
        ["GET /api/models/{model}/aliases/{alias}"] = Permission.Read,
        ["PUT /api/models/{model}/aliases/{alias}"] = Permission.Deploy,
        ["DELETE /api/models/{model}/aliases/{alias}"] = Permission.Deploy,
        ["GET /api/models/{model}/training"] = Permission.Read,
        ["PUT /api/models/{model}/training"] = Permission.Train,
        ["PUT /api/models/{model}/training-data/{name}"] = Permission.Train,
        ["POST /api/models/{model}/retrain"] = Permission.Train,
        ["GET /api/models/{model}/runs"] = Permission.Read,
        ["GET /api/runs/{id}"] = Permission.Read,
        ["POST /api/runs/{id}/terminate"] = Permission.Train,
        ["POST /api/runs/{id}/events/{name}"] = Permission.Train,
        ["GET /api/access/assignments"] = Permission.Admin,
        ["GET /api/access/assignments/{id}"] = Permission.Admin,
        ["PUT /api/access/assignments/{id}"] = Permission.Admin,
        ["DELETE /api/access/assignments/{id}"] = Permission.Admin,
        ["GET /api/access/models/{model}"] = Permission.Read,
        ["PUT /api/access/models/{model}"] = Permission.Admin,
        ["GET /api/audit"] = Permission.Admin,
        ["POST /api/models/{model}/feedback"] = Permission.Invoke,
        ["GET /api/models/{model}/monitoring/"] = Permission.Read,
        ["GET /api/models/{model}/monitoring/settings"] = Permission.Read,
        ["PUT /api/models/{model}/monitoring/settings"] = Permission.Admin,
        ["POST /api/models/{model}/monitoring/run"] = Permission.Train,
        ["GET /api/models/{model}/monitoring/alerts"] = Permission.Read,
        ["GET /api/models/{model}/monitoring/{id}"] = Permission.Read,
        ["GET /api/models/{model}/inference/{id}"] = Permission.Invoke,
        ["POST /api/models/{model}/batch"] = Permission.Invoke,
        ["GET /api/models/{model}/serving"] = Permission.Read,
        ["PUT /api/models/{model}/serving"] = Permission.Deploy,
        ["GET /api/models/{model}/traffic"] = Permission.Read,
        ["PUT /api/models/{model}/traffic"] = Permission.Deploy,
        ["GET /api/models/{model}/history"] = Permission.Read,
        ["POST /api/models/{model}/rollouts"] = Permission.Deploy,
        ["GET /api/models/{model}/rollouts"] = Permission.Read,
        ["GET /api/models/{model}/rollouts/{id}"] = Permission.Read,
        ["POST /api/models/{model}/rollouts/{id}/{action}"] = Permission.Deploy,
        // The OpenAPI document and Scalar's page over it describe routes, never data: open, like the health probes.
        ["GET /openapi/{documentName}.json"] = null,
        ["GET /scalar/{documentName?}"] = null,
        ["GET /scalar/scalar.js"] = null,
        ["GET /scalar/scalar.aspnetcore.js"] = null,
        ["GET /scalar/favicon.svg"] = null,
        ["GET /metrics"] = Permission.Read,
    };

    [Fact]
    public void EveryMappedRoute_IsInTheContractWithItsPermission()
    {
        var mapped = HostRoutes.Mapped();

        Assert.Equal(Contract.Keys.Order(StringComparer.Ordinal), mapped.Keys.Order(StringComparer.Ordinal));
        foreach (var (route, endpoint) in mapped)
        {
            var declared = endpoint.Metadata.GetOrderedMetadata<PermissionRequirement>();
            if (Contract[route] is { } permission)
            {
                Assert.True(declared.Count == 1 && declared[0].Permission == permission, $"{route} declares {string.Join(", ", declared)}; the contract says {permission}");
            }
            else
            {
                Assert.True(declared.Count == 0 && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null, $"{route} should be open");
            }
        }
    }

    [Fact]
    public async Task EveryRoute_LetsThroughExactlyTheRolesThatGrantItsPermission()
    {
        var host = fixture.Host;
        var failures = new List<string>();
        foreach (var (route, permission) in Contract)
        {
            var (method, template) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var path = template.Replace("{model}", "walk-nothing", StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{alias}", "champion", StringComparison.Ordinal).Replace("{id}", "walk-nothing", StringComparison.Ordinal).Replace("{name}", "walk.csv", StringComparison.Ordinal);
            foreach (var role in AppRoles.All.Append("none"))
            {
                var token = fixture.Tokens.Issue("walker-" + role, role == "none" ? [] : [role]);
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new ByteArrayContent([]);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }

                using var response = await host.Anonymous.SendAsync(request);
                var allowed = permission is null || (role != "none" && AppRoles.Grants(role, permission.Value));
                var refused = response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized;
                if (allowed == refused)
                {
                    failures.Add($"{route} as {role}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else if (refused)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    if (!body.Contains($"'{AppRoles.LeastGranting(permission!.Value)}'", StringComparison.Ordinal))
                    {
                        failures.Add($"{route} as {role}: the 403 does not name the role: {body}");
                    }
                }
            }

            using var anonymous = await host.Anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));
            if ((anonymous.StatusCode == HttpStatusCode.Unauthorized) != (permission is not null))
            {
                failures.Add($"{route} without credentials: {(int)anonymous.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
