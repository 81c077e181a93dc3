using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Audit;
using ModelOps.Http.Security;
using ModelOps.Registry;
using ModelOps.Retraining;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Management routes of the model registry: reads need Read, registration Train, aliases Deploy; a PATCH needs Train for
/// description and tags and Deploy for the approval status (with four-eyes where the model asks for it). Mutable records
/// carry ETags; If-Match is honoured.
/// </summary>
public static class RegistryEndpoints
{
    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models");

        models.MapGet("/", async (ModelRegistry registry, CancellationToken ct) =>
            Results.Json(new { models = (await registry.ListModelsAsync(ct).ConfigureAwait(false)).Select(RegistryJson.Model) }))
            .RequirePermission(Permission.Read);

        models.MapGet("/{model}", async (HttpContext context, string model, ModelRegistry registry, CancellationToken ct) =>
        {
            var found = await registry.GetModelAsync(model, ct).ConfigureAwait(false);
            return WithETag(context, found.ETag, RegistryJson.Model(found));
        }).RequirePermission(Permission.Read);

        models.MapPatch("/{model}", async (HttpContext context, string model, ModelRegistry registry, CancellationToken ct) =>
        {
            using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
            var updated = await registry.UpdateModelAsync(model, RegistryJson.ReadModelPatch(body.RootElement), HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return WithETag(context, updated.ETag, RegistryJson.Model(updated));
        }).RequirePermission(Permission.Admin);

        models.MapDelete("/{model}", async (HttpContext context, string model, ModelRegistry registry, CancellationToken ct) =>
        {
            await registry.DeleteModelAsync(model, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).RequirePermission(Permission.Admin);

        models.MapPost("/{model}/versions", RegisterAsync).WithMetadata(new BodyLimit(BodyLimitKind.ModelUpload)).RequirePermission(Permission.Train);

        models.MapDelete("/{model}/versions/{version}", async (HttpContext context, string model, string version, ModelRegistry registry, CancellationToken ct) =>
        {
            await registry.DeleteVersionAsync(model, HttpBodies.ParseVersion(version, model), HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).RequirePermission(Permission.Admin);

        models.MapGet("/{model}/versions", async (string model, ModelRegistry registry, CancellationToken ct) =>
            Results.Json(new { versions = (await registry.ListVersionsAsync(model, ct).ConfigureAwait(false)).Select(RegistryJson.Version) }))
            .RequirePermission(Permission.Read);

        models.MapGet("/{model}/versions/{version}", async (HttpContext context, string model, string version, ModelRegistry registry, CancellationToken ct) =>
        {
            var found = await registry.GetVersionAsync(model, HttpBodies.ParseVersion(version, model), ct).ConfigureAwait(false);
            return WithETag(context, found.ETag, RegistryJson.Version(found));
        }).RequirePermission(Permission.Read);

        // The least a PATCH needs; what it changes demands more (PatchVersionAsync).
        models.MapPatch("/{model}/versions/{version}", PatchVersionAsync).RequirePermission(Permission.Read);

        models.MapGet("/{model}/versions/{version}/artifact", async (HttpContext context, string model, string version, ModelRegistry registry, CancellationToken ct) =>
        {
            var found = await registry.GetVersionAsync(model, HttpBodies.ParseVersion(version, model), ct).ConfigureAwait(false);
            var download = await registry.OpenArtifactAsync(found, ct).ConfigureAwait(false);
            context.Response.Headers["x-modelops-sha256"] = found.Sha256;
            return Results.Stream(download, "application/octet-stream", $"{model}-{found.Version}.onnx", enableRangeProcessing: false);
        }).RequirePermission(Permission.Read).WithMetadata(AuditedRead.Instance);

        models.MapGet("/{model}/aliases/{alias}", async (HttpContext context, string model, string alias, ModelRegistry registry, CancellationToken ct) =>
        {
            var found = await registry.GetAliasAsync(model, alias, ct).ConfigureAwait(false);
            return WithETag(context, found.ETag, RegistryJson.Alias(found));
        }).RequirePermission(Permission.Read);

        models.MapPut("/{model}/aliases/{alias}", SetAliasAsync).RequirePermission(Permission.Deploy);

        models.MapDelete("/{model}/aliases/{alias}", async (HttpContext context, string model, string alias, ModelRegistry registry, CancellationToken ct) =>
        {
            await registry.DeleteAliasAsync(model, alias, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            return Results.NoContent();
        }).RequirePermission(Permission.Deploy);

        return routes;
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, string model, ModelRegistry registry, ModelAccess access, CancellationToken ct)
    {
        ModelNames.EnsureValid(model);
        var query = context.Request.Query;
        var registration = new ModelRegistration
        {
            Description = query["description"],
            Tags = ParsePairs(query["tags"], "tags", value => value),
            Metrics = ParsePairs(query["metrics"], "metrics", ParseMetric),
            Source = query["source"],
            ApprovalStatus = ParseApproval(query["approvalStatus"]),
            RegisteredBy = context.Caller().Id,
        };
        if (registration.ApprovalStatus is { } status)
        {
            await context.DemandAsync(Permission.Deploy).ConfigureAwait(false);
            await access.EnsureMayRegisterWithAsync(model, status, ct).ConfigureAwait(false);
        }

        var body = await HttpBodies.ReadBytesAsync(context.Request, ct).ConfigureAwait(false);
        var version = await registry.RegisterAsync(model, body, registration, ct).ConfigureAwait(false);
        context.Response.Headers.ETag = version.ETag;
        return Results.Created(string.Create(CultureInfo.InvariantCulture, $"/api/models/{model}/versions/{version.Version}"), RegistryJson.Version(version));
    }

    private static async Task<IResult> PatchVersionAsync(
        HttpContext context,
        string model,
        string version,
        ModelRegistry registry,
        ModelAccess access,
        ApprovalNotifier approvals,
        CancellationToken ct)
    {
        using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
        var patch = RegistryJson.ReadPatch(body.RootElement);
        var number = HttpBodies.ParseVersion(version, model);
        if (patch.Description is not null || patch.Tags is not null)
        {
            await context.DemandAsync(Permission.Train).ConfigureAwait(false);
        }

        if (patch.ApprovalStatus is { } status)
        {
            await context.DemandAsync(Permission.Deploy).ConfigureAwait(false);
            // Who registered a version never changes, so checking before the write holds for it.
            await access.EnsureMayDecideAsync(context.Caller(), await registry.GetVersionAsync(model, number, ct).ConfigureAwait(false), status, ct).ConfigureAwait(false);
        }

        var updated = await registry.UpdateVersionAsync(model, number, patch, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
        if (patch.ApprovalStatus is not null)
        {
            await approvals.NotifyAsync(updated, ct).ConfigureAwait(false);
        }

        return WithETag(context, updated.ETag, RegistryJson.Version(updated));
    }

    private static async Task<IResult> SetAliasAsync(HttpContext context, string model, string alias, ModelRegistry registry, CancellationToken ct)
    {
        using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
        var root = body.RootElement;
        if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("version", out var versionElement) ||
            !versionElement.TryGetInt32(out var version))
        {
            throw ModelOpsException.Invalid("The body must be {\"version\": N} with N a version number.");
        }

        var assignment = await registry.SetAliasAsync(model, alias, version, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
        return WithETag(context, assignment.ETag, RegistryJson.Alias(assignment));
    }

    private static IResult WithETag(HttpContext context, string? etag, object body)
    {
        if (!string.IsNullOrEmpty(etag))
        {
            context.Response.Headers.ETag = etag;
        }

        return Results.Json(body, ModelOps.Serialization.ModelOpsJson.Options);
    }

    private static Dictionary<string, T>? ParsePairs<T>(string? text, string what, Func<string, T> parse)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var pairs = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw ModelOpsException.Invalid($"'{what}' must be k=v pairs separated by commas; '{part}' is not.");
            }

            pairs[part[..equals].Trim()] = parse(part[(equals + 1)..].Trim());
        }

        return pairs;
    }

    private static double ParseMetric(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw ModelOpsException.Invalid($"Metric value '{value}' is not a finite number.");

    private static ApprovalStatus? ParseApproval(string? value) =>
        string.IsNullOrEmpty(value) ? null : RegistryJson.ParseApproval(value);
}
