using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Registry;
using ModelOps.Rollouts;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Traffic policy, serving history and rollouts of a model: reads need Read, every change Deploy.
/// </summary>
public static class RolloutEndpoints
{
    public static IEndpointRouteBuilder MapRolloutEndpoints(this IEndpointRouteBuilder routes)
    {
        var model = routes.MapGroup("/api/models/{model}");
        model.MapGet("/traffic", async (HttpContext context, string model, TrafficPolicies traffic, CancellationToken ct) =>
        {
            var stored = await traffic.GetAsync(model, ct).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"Model '{model}' has no traffic policy: its champion answers every request.");
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(stored.Policy, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        model.MapPut("/traffic", async (HttpContext context, string model, TrafficPolicies traffic, CancellationToken ct) =>
        {
            TrafficPolicy policy;
            using (var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false))
            {
                policy = TrafficPolicyJson.Parse(body.RootElement);
            }

            var reason = context.Request.Query["reason"].ToString();
            var stored = await traffic.PutAsync(
                model,
                policy,
                HttpBodies.IfMatch(context.Request),
                context.Caller().Display,
                reason.Length > 0 ? reason : "Set through the API.",
                cancellationToken: ct).ConfigureAwait(false);
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(stored.Policy, ModelOpsJson.Options);
        }).RequirePermission(Permission.Deploy);

        model.MapGet("/history", async (HttpContext context, string model, TrafficPolicies traffic, CancellationToken ct) =>
        {
            if (context.Request.Query["at"].ToString() is { Length: > 0 } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    throw ModelOpsException.Invalid("'at' must be a time such as 2026-12-04T10:00:00Z.");
                }

                var change = await traffic.AtAsync(model, at, ct).ConfigureAwait(false);
                return Results.Json(
                    change is null
                        ? new { at, weights = (IReadOnlyDictionary<int, int>?)null, mirror = (TrafficMirror?)null, sticky = (StickyRouting?)null, changedAt = (DateTimeOffset?)null, changedBy = (string?)null, reason = (string?)"No traffic policy yet: the champion answered.", rollout = (string?)null }
                        : new { at, weights = (IReadOnlyDictionary<int, int>?)change.Policy.Weights, mirror = change.Policy.Mirror, sticky = change.Policy.Sticky, changedAt = (DateTimeOffset?)change.At, changedBy = (string?)change.ChangedBy, reason = (string?)change.Reason, rollout = change.Rollout },
                    ModelOpsJson.Options);
            }

            var (pageSize, token) = HttpBodies.Page(context.Request);
            var page = await traffic.HistoryAsync(model, pageSize, token, ct).ConfigureAwait(false);
            return Results.Json(new { changes = page.Changes, continuationToken = page.ContinuationToken }, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        model.MapPost("/rollouts", async (HttpContext context, string model, RolloutService rollouts, CancellationToken ct) =>
        {
            RolloutRequest request;
            using (var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false))
            {
                request = RolloutRequest.Parse(body.RootElement);
            }

            var rollout = await rollouts.StartAsync(model, request, context.Caller().Display, ct).ConfigureAwait(false);
            context.Response.Headers.Location = $"/api/models/{model}/rollouts/{rollout.Id}";
            return Results.Json(rollout, ModelOpsJson.Options, statusCode: StatusCodes.Status201Created);
        }).RequirePermission(Permission.Deploy);

        model.MapGet("/rollouts", async (string model, RolloutService rollouts, CancellationToken ct) =>
            Results.Json(new { rollouts = await rollouts.ListAsync(model, ct).ConfigureAwait(false) }, ModelOpsJson.Options)).RequirePermission(Permission.Read);

        model.MapGet("/rollouts/{id}", async (string model, string id, RolloutService rollouts, CancellationToken ct) =>
            Results.Json(await rollouts.GetAsync(model, id, ct).ConfigureAwait(false), ModelOpsJson.Options)).RequirePermission(Permission.Read);

        model.MapPost("/rollouts/{id}/{action}", async (HttpContext context, string model, string id, string action, RolloutService rollouts, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            var rollout = await rollouts.CommandAsync(model, id, action, context.Caller().Display, ct).ConfigureAwait(false);
            return Results.Json(new { id = rollout.Id, action, accepted = true }, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).RequirePermission(Permission.Deploy);
        return routes;
    }
}
