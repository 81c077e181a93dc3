using Microsoft.Extensions.FileProviders;
using ModelOps.Hosting;
using ModelOps.Http;
using Scalar.AspNetCore;

namespace ModelOps.Host;

/// <summary>
/// The local host's pipeline and routes: the web console's static files, the shared HTTP pipeline and routes, telemetry,
/// and Scalar's reference page over the OpenAPI document. The page and the console's files are open to anyone: they
/// hold no data; everything they show comes from the API with the caller's own key or token.
/// </summary>
public static class HostEndpoints
{
    public const string ConsolePath = "/console";
    public const string ReferencePath = "/scalar";

    public static WebApplication UseModelOpsHost(this WebApplication app)
    {
        var files = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Console"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = ConsolePath });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = ConsolePath });
        app.UseModelOpsHttp();
        app.MapModelOpsHostEndpoints();
        return app;
    }

    /// <summary>Every route of the local host (the route walk test maps the same).</summary>
    public static IEndpointRouteBuilder MapModelOpsHostEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapModelOpsTelemetry();
        routes.MapModelOpsEndpoints();
        routes.MapScalarApiReference(ReferencePath, options => options.WithTitle("ModelOps API")).AllowAnonymous();
        return routes;
    }
}
