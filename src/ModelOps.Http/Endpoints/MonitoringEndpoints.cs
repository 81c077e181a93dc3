using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Checks;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Reports;
using ModelOps.Monitoring.Settings;
using ModelOps.Registry;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Monitoring routes: reports and alert history (Read), on-demand checks (Train), settings (read with Read, changed with
/// Admin: they name webhooks and can start retraining), and feedback labels (Invoke: the callers who predict send them).
/// </summary>
public static class MonitoringEndpoints
{
    public static IEndpointRouteBuilder MapMonitoringEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/models/{model}/feedback", async (HttpContext context, string model, FeedbackService feedback, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
            var result = await feedback.AddAsync(model, body.RootElement, ct).ConfigureAwait(false);
            return Results.Json(result, ModelOpsJson.Options);
        }).RequirePermission(Permission.Invoke);

        var monitoring = routes.MapGroup("/api/models/{model}/monitoring");
        monitoring.MapGet("/", async (HttpContext context, string model, IMonitoringReportStore reports, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            var (pageSize, token) = HttpBodies.Page(context.Request);
            var page = await reports.ListAsync(model, pageSize, token, ct).ConfigureAwait(false);
            return Results.Json(new { reports = page.Reports, continuationToken = page.ContinuationToken }, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        monitoring.MapGet("/settings", async (HttpContext context, string model, MonitoringSettingsService settings, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            var (current, etag) = await settings.GetAsync(model, ct).ConfigureAwait(false);
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
            }

            return Results.Json(current, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        monitoring.MapPut("/settings", async (HttpContext context, string model, MonitoringSettingsService settings, CancellationToken ct) =>
        {
            MonitoringSettings body;
            using (var document = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false))
            {
                body = Deserialize<MonitoringSettings>(document.RootElement, "monitoring settings");
            }

            var stored = await settings.PutAsync(model, body, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(stored.Settings, ModelOpsJson.Options);
        }).RequirePermission(Permission.Admin);

        monitoring.MapPost("/run", async (HttpContext context, string model, MonitoringService service, IOptions<MonitoringOptions> options, CancellationToken ct) =>
        {
            var (window, version) = HttpBodies.HasBody(context.Request) ? await ReadRunAsync(context.Request, ct).ConfigureAwait(false) : (null, null);
            var started = await service.StartCheckAsync(model, window, version, ct).ConfigureAwait(false);
            var location = $"/api/models/{model}/monitoring/{started.Id}";
            context.Response.Headers.Location = location;
            try
            {
                var report = await started.Completion.WaitAsync(options.Value.RequestBudget, ct).ConfigureAwait(false);
                return Results.Json(report, ModelOpsJson.Options);
            }
            catch (TimeoutException)
            {
                return Results.Json(new { id = started.Id, status = ReportStatus.Running, location }, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted);
            }
        }).RequirePermission(Permission.Train);

        monitoring.MapGet("/alerts", async (HttpContext context, string model, IAlertStore alerts, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            var (pageSize, token) = HttpBodies.Page(context.Request);
            var page = await alerts.ListAsync(model, pageSize, token, ct).ConfigureAwait(false);
            return Results.Json(new { alerts = page.Alerts, continuationToken = page.ContinuationToken }, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        monitoring.MapGet("/{id}", async (string model, string id, IMonitoringReportStore reports, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            if (await reports.GetAsync(model, id, ct).ConfigureAwait(false) is { } report)
            {
                return Results.Json(report, ModelOpsJson.Options);
            }

            var summary = await reports.GetSummaryAsync(model, id, ct).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"Model '{model}' has no monitoring report '{id}'.");
            return Results.Json(summary, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).RequirePermission(Permission.Read);

        return routes;
    }

    private static async Task<(ReportWindow? Window, int? Version)> ReadRunAsync(HttpRequest request, CancellationToken ct)
    {
        using var document = await HttpBodies.ReadJsonAsync(request, ct).ConfigureAwait(false);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object, e.g. {\"from\":\"2026-12-01T00:00:00Z\",\"to\":\"2026-12-01T01:00:00Z\"}, or empty.");
        }

        var from = ReadTime(root, "from");
        var to = ReadTime(root, "to");
        int? version = null;
        if (root.TryGetProperty("version", out var v) && v.ValueKind != JsonValueKind.Null)
        {
            version = v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var number) && number > 0
                ? number
                : throw ModelOpsException.Invalid("'version' must be a positive whole number.");
        }

        if ((from is null) != (to is null))
        {
            throw ModelOpsException.Invalid("Give both 'from' and 'to', or neither (the last schedule interval).");
        }

        return (from is { } f && to is { } t ? new ReportWindow(f, t) : null, version);
    }

    private static DateTimeOffset? ReadTime(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String &&
               DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw ModelOpsException.Invalid($"'{name}' must be an ISO 8601 time, e.g. \"2026-12-01T00:00:00Z\".");
    }

    private static T Deserialize<T>(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid($"The body must be a JSON object: the {what}.");
        }

        try
        {
            return element.Deserialize<T>(ModelOpsJson.Options) ?? throw ModelOpsException.Invalid($"The body must be a JSON object: the {what}.");
        }
        catch (JsonException exception)
        {
            throw ModelOpsException.Invalid($"The {what} have a field of the wrong type{(exception.Path is { } path ? $" at '{path}'" : string.Empty)}: {exception.Message}");
        }
    }
}
