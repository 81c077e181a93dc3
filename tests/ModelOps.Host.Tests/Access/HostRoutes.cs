using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ModelOps.Host.Tests.Access;

/// <summary>
/// The routes of the local host as Program composes them (telemetry, the shared routes, the reference page), by
/// "METHOD template", read from its EndpointDataSource.
/// </summary>
internal static class HostRoutes
{
    public static Dictionary<string, RouteEndpoint> Mapped()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        builder.Services.AddModelOpsHost(builder.Configuration);
        var app = builder.Build();
        app.MapModelOpsHostEndpoints();
        var routes = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null && endpoint.RoutePattern.RawText?.StartsWith("{*", StringComparison.Ordinal) == true)
            {
                // The fallback (any method, any path): it answers 404 and must stay open.
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                continue;
            }

            // Prometheus' /metrics declares no method; scrapers GET it.
            foreach (var method in methods ?? ["GET"])
            {
                routes[$"{method} {endpoint.RoutePattern.RawText}"] = endpoint;
            }
        }

        return routes;
    }
}
