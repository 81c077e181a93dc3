using Microsoft.AspNetCore.Http;
using ModelOps.Http.Endpoints;
using ModelOps.Inference;

namespace ModelOps.Http.Serving;

/// <summary>
/// The forwarding decision, on the per-model inference routes of a host that has a GPU serving app
/// (<see cref="ServingOptions.Forwards"/>): after the access check, it resolves the version that answers; a version
/// tagged <see cref="GpuServingTag"/> goes to <see cref="GpuForwarder"/>, any other runs here.
/// </summary>
internal sealed class GpuForwardingFilter(InferenceService inference, GpuForwarder forwarder) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var routeValues = http.Request.RouteValues;
        if (routeValues["model"] is not string model)
        {
            return await next(context).ConfigureAwait(false);
        }

        int? pinned = routeValues["version"] is string text ? HttpBodies.ParseVersion(text, model) : null;
        var version = await inference.ResolveAsync(model, pinned, http.RequestAborted).ConfigureAwait(false);
        if (!GpuServingTag.IsOn(version))
        {
            return await next(context).ConfigureAwait(false);
        }

        await forwarder.ForwardAsync(http, version).ConfigureAwait(false);
        return Results.Empty;
    }
}
