using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelOps.Http;
using ModelOps.Http.Security;

namespace ModelOps.Functions.Http;

/// <summary>
/// The HTTP surface of ModelOps as one ASP.NET Core pipeline, built once from the same calls the local host makes
/// (<see cref="HttpApplicationBuilderExtensions.UseModelOpsHttp"/> and <see cref="HttpApplicationBuilderExtensions.MapModelOpsEndpoints"/>):
/// error translation, routing, the access check, body limits and every route. HTTP functions hand it their request
/// with the access the Functions host granted.
/// </summary>
public sealed class ModelOpsPipeline
{
    private readonly RequestDelegate _pipeline;

    public ModelOpsPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseModelOpsHttp();
        app.UseEndpoints(endpoints => endpoints.MapModelOpsEndpoints());
        _pipeline = app.Build();
    }

    public Task HandleAsync(HttpContext context, HostAccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grant);
        context.Features.Set(grant);

        // The worker's own routing matched the function's endpoint; forget it so our routing matches ours.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        return _pipeline(context);
    }
}
