using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary><c>GET /api/audit?model=&amp;from=&amp;to=&amp;actor=&amp;pageSize=&amp;continuationToken=</c>: the audit trail, oldest first (admin on all models). Nothing edits or deletes it.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/audit", async (HttpContext context, AuditTrail trail, CancellationToken ct) =>
        {
            var query = context.Request.Query;
            var model = Optional(query["model"]);
            if (model is not null)
            {
                ModelOps.Registry.ModelNames.EnsureValid(model);
            }

            var pageSize = Optional(query["pageSize"]) is { } size
                ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ModelOpsException.Invalid("'pageSize' must be a whole number.")
                : 100;
            var page = await trail.QueryAsync(
                new AuditQuery(model, Optional(query["actor"]), Time(query["from"], "from"), Time(query["to"], "to")),
                pageSize,
                Optional(query["continuationToken"]),
                ct).ConfigureAwait(false);
            return Results.Json(new { records = page.Records, continuationToken = page.ContinuationToken }, ModelOpsJson.Options);
        }).RequirePermission(Permission.Admin);
        return routes;
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static DateTimeOffset? Time(string? value, string name) => Optional(value) is not { } text
        ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw ModelOpsException.Invalid($"'{name}' must be a date and time (ISO 8601, e.g. 2026-12-01T00:00:00Z).");
}
