using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ModelOps.Http;

namespace ModelOps.Functions.Http;

/// <summary>
/// The HTTP contract of ModelOps as one ASP.NET Core pipeline (error mapping, routing, keys, body limits, endpoints),
/// built once from the same code the local host maps, so both hosts answer every route identically.
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

    public Task HandleAsync(HttpContext context)
    {
        // The Functions host already matched its own catch-all endpoint; clear it so our routing matches ours.
        context.SetEndpoint(null);
        return _pipeline(context);
    }
}
