using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Http.Security;
using ModelOps.Inference.Batching;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// A model's serving settings: <c>GET</c> (Read) shows what is stored and the batching the model gets; <c>PUT</c>
/// (Deploy: how a model is served, like its aliases) replaces the stored settings (ETag, <c>If-Match</c>).
/// </summary>
public static class ServingEndpoints
{
    public static IEndpointRouteBuilder MapServingEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models");
        models.MapGet("/{model}/serving", async (HttpContext context, string model, ServingSettingsService service, CancellationToken ct) =>
        {
            var (stored, batching) = await service.GetAsync(model, ct).ConfigureAwait(false);
            if (stored is not null)
            {
                context.Response.Headers.ETag = stored.ETag;
            }

            return Results.Json(Body(model, stored?.Settings ?? ServingSettings.Default, batching), ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        models.MapPut("/{model}/serving", async (HttpContext context, string model, ServingSettingsService service, CancellationToken ct) =>
        {
            var settings = await InferenceJobEndpoints.ReadAsync<ServingSettings>(context.Request, "serving settings", ct).ConfigureAwait(false);
            var stored = await service.PutAsync(model, settings, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            var (_, batching) = await service.GetAsync(model, ct).ConfigureAwait(false);
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(Body(model, stored.Settings, batching), ModelOpsJson.Options);
        }).RequirePermission(Permission.Deploy);

        return routes;
    }

    private static object Body(string model, ServingSettings settings, EffectiveBatching batching) => new
    {
        model,
        batching = settings.Batching ?? new BatchingSettings(),
        effective = new
        {
            batching = new
            {
                enabled = batching.Enabled,
                maxBatchSize = batching.MaxBatchSize,
                maxDelayMicroseconds = batching.MaxDelayMicroseconds,
            },
        },
    };
}
