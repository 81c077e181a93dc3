using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Role assignments (<c>/api/access/assignments/{id}</c>, admin on all models) and per-model access settings
/// (<c>/api/access/models/{model}</c>: four-eyes approval), with ETags and If-Match like every mutable record.
/// </summary>
public static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder routes)
    {
        var access = routes.MapGroup("/api/access");
        access.MapGet("/assignments", async (HttpContext context, AccessAssignments assignments, CancellationToken ct) =>
        {
            var principal = context.Request.Query["principal"].ToString();
            var list = await assignments.ListAsync(principal.Length > 0 ? principal : null, ct).ConfigureAwait(false);
            return Results.Json(new { assignments = list.Select(Json) }, ModelOpsJson.Options);
        }).RequirePermission(Permission.Admin);

        access.MapGet("/assignments/{id}", async (HttpContext context, string id, AccessAssignments assignments, CancellationToken ct) =>
            WithETag(context, await assignments.GetAsync(id, ct).ConfigureAwait(false))).RequirePermission(Permission.Admin);

        access.MapPut("/assignments/{id}", async (HttpContext context, string id, AccessAssignments assignments, CancellationToken ct) =>
        {
            using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ModelOpsException.Invalid("The body must be {\"principal\": \"<object id>\", \"role\": \"ModelOps.Deployer\", \"scope\": \"fraud-*\"}.");
            }

            var stored = await assignments.PutAsync(
                id,
                Text(root, "principal"),
                Text(root, "role"),
                Text(root, "scope"),
                Text(root, "description"),
                context.Caller(),
                HttpBodies.IfMatch(context.Request),
                ct).ConfigureAwait(false);
            return WithETag(context, stored);
        }).RequirePermission(Permission.Admin);

        access.MapDelete("/assignments/{id}", async (HttpContext context, string id, AccessAssignments assignments, CancellationToken ct) =>
        {
            await assignments.DeleteAsync(id, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).RequirePermission(Permission.Admin);

        access.MapGet("/models/{model}", async (HttpContext context, string model, ModelAccess settings, CancellationToken ct) =>
            WithETag(context, await settings.GetAsync(model, ct).ConfigureAwait(false))).RequirePermission(Permission.Read);

        access.MapPut("/models/{model}", async (HttpContext context, string model, ModelAccess settings, CancellationToken ct) =>
        {
            using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
            if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("fourEyes", out var fourEyes) ||
                fourEyes.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw ModelOpsException.Invalid("The body must be {\"fourEyes\": true|false}.");
            }

            var stored = await settings.PutAsync(model, fourEyes.GetBoolean(), context.Caller(), HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return WithETag(context, stored);
        }).RequirePermission(Permission.Admin);
        return routes;
    }

    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw ModelOpsException.Invalid($"'{name}' must be a string."),
        }
        : null;

    private static IResult WithETag(HttpContext context, RoleAssignment assignment)
    {
        context.Response.Headers.ETag = assignment.ETag;
        return Results.Json(Json(assignment), ModelOpsJson.Options);
    }

    private static IResult WithETag(HttpContext context, ModelAccessSettings settings)
    {
        if (settings.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }

        return Results.Json(new { model = settings.Model, fourEyes = settings.FourEyes, updatedAt = settings.UpdatedAt, updatedBy = settings.UpdatedBy }, ModelOpsJson.Options);
    }

    private static object Json(RoleAssignment a) => new
    {
        id = a.Id,
        principal = a.Principal,
        role = a.Role,
        scope = a.Scope,
        description = a.Description,
        updatedAt = a.UpdatedAt,
        updatedBy = a.UpdatedBy,
        etag = a.ETag,
    };
}
