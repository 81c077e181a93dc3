using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Serialization;
using ModelOps.Workflows;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Retraining routes: training configuration per model, training-data upload, manual retrain (Train; reads need Read),
/// and the runs API shaped like Durable Functions' status endpoint, scoped by the run's model.
/// </summary>
public static class RetrainingEndpoints
{
    /// <summary>Run documents keep every field of the status shape, null where there is nothing (no output yet, last page).</summary>
    private static readonly JsonSerializerOptions RunOptions = new(ModelOpsJson.Options) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never };

    public static IEndpointRouteBuilder MapRetrainingEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/models");
        models.MapGet("/{model}/training", async (HttpContext context, string model, TrainingConfigurations store, CancellationToken ct) =>
        {
            var stored = await store.GetAsync(model, ct).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"Model '{model}' has no training configuration.");
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(stored.Configuration, ModelOpsJson.Options);
        }).RequirePermission(Permission.Read);

        models.MapPut("/{model}/training", async (HttpContext context, string model, TrainingConfigurations store, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            TrainingConfiguration configuration;
            using (var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false))
            {
                configuration = TrainingConfigurationJson.Read(body.RootElement);
            }

            var stored = await store.PutAsync(model, configuration, HttpBodies.IfMatch(context.Request), ct).ConfigureAwait(false);
            context.Response.Headers.ETag = stored.ETag;
            return Results.Json(stored.Configuration, ModelOpsJson.Options);
        }).RequirePermission(Permission.Train);

        models.MapPut("/{model}/training-data/{name}", UploadDataAsync).WithMetadata(new BodyLimit(BodyLimitKind.ModelUpload)).RequirePermission(Permission.Train);

        models.MapPost("/{model}/retrain", async (HttpContext context, string model, RetrainingService service, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            string? dataBlob = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
                if (body.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw ModelOpsException.Invalid("The body must be a JSON object, e.g. {\"dataBlob\":\"2024-06.csv\"}, or empty.");
                }

                if (body.RootElement.TryGetProperty("dataBlob", out var blob) && blob.ValueKind != JsonValueKind.Null)
                {
                    dataBlob = blob.ValueKind == JsonValueKind.String ? blob.GetString() : throw ModelOpsException.Invalid("'dataBlob' must be a string.");
                }
            }

            var runId = await service.StartManualAsync(model, dataBlob, ct).ConfigureAwait(false);
            context.Response.Headers.Location = $"/api/runs/{runId}";
            return Results.Json(new { id = runId, statusQueryGetUri = $"/api/runs/{runId}" }, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).RequirePermission(Permission.Train);

        models.MapGet("/{model}/runs", async (HttpContext context, string model, WorkflowRuns runs, CancellationToken ct) =>
        {
            ModelNames.EnsureValid(model);
            var query = context.Request.Query;
            var pageSize = query["pageSize"].ToString() is { Length: > 0 } size
                ? int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ModelOpsException.Invalid("'pageSize' must be a whole number.")
                : 50;
            var token = query["continuationToken"].ToString();
            if (pageSize is < 1 or > 1000)
            {
                throw ModelOpsException.Invalid("'pageSize' must be between 1 and 1000.");
            }

            var page = await runs.ListAsync(model, pageSize, token.Length > 0 ? token : null, ct).ConfigureAwait(false);
            return Results.Json(new { runs = page.Runs.Select(RunJson), continuationToken = page.ContinuationToken }, RunOptions);
        }).RequirePermission(Permission.Read);

        var runs = routes.MapGroup("/api/runs");
        runs.MapGet("/{id}", async (string id, IWorkflowClient client, CancellationToken ct) =>
        {
            var run = await client.GetStatusAsync(id, cancellationToken: ct).ConfigureAwait(false) ?? throw ModelOpsException.NotFound($"There is no run '{id}'.");
            return Results.Json(RunJson(run), RunOptions);
        }).RequirePermission(Permission.Read, ModelScope.Run);

        runs.MapPost("/{id}/terminate", async (HttpContext context, string id, IWorkflowClient client, CancellationToken ct) =>
        {
            var reason = context.Request.Query["reason"].ToString();
            var terminated = await client.TerminateAsync(id, reason.Length > 0 ? reason : null, ct).ConfigureAwait(false);
            return terminated
                ? Results.Json(new { id, terminated = true }, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted)
                : throw ModelOpsException.Conflict($"Run '{id}' has ended already.");
        }).RequirePermission(Permission.Train, ModelScope.Run);

        runs.MapPost("/{id}/events/{name}", async (HttpContext context, string id, string name, IWorkflowClient client, CancellationToken ct) =>
        {
            JsonElement? payload = null;
            if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
            {
                using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
                payload = body.RootElement.Clone();
            }

            await client.RaiseEventAsync(id, name, payload, ct).ConfigureAwait(false);
            return Results.Accepted();
        }).RequirePermission(Permission.Train, ModelScope.Run);

        return routes;
    }

    private static async Task<IResult> UploadDataAsync(
        HttpContext context,
        string model,
        string name,
        ITrainingDataStore data,
        RetrainingService retraining,
        CancellationToken ct)
    {
        ModelNames.EnsureValid(model);
        if (TrainingDataNames.Validate(name) is { } problem)
        {
            throw ModelOpsException.Invalid(problem);
        }

        var file = await data.UploadAsync(model, name, context.Request.Body, ct).ConfigureAwait(false);
        // Start the run here rather than leave it to the blob trigger, so its link answers as soon as it is returned; the
        // trigger derives the same run id from the blob version and starts nothing more. Without a training configuration
        // the blob waits for one and no run link is given.
        var runId = await retraining.StartForFileAsync(file, ct).ConfigureAwait(false);
        context.Response.Headers.ETag = file.ETag;
        return Results.Json(
            new
            {
                model,
                name = file.Name,
                location = file.Location,
                size = file.Size,
                etag = file.ETag,
                run = runId is null ? null : $"/api/runs/{runId}",
            },
            ModelOpsJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    /// <summary>A run as the runs API shows it (the Durable Functions status shape plus model, trigger and steps).</summary>
    private static object RunJson(WorkflowInstance run) => new
    {
        id = run.Id,
        model = run.Tags.GetValueOrDefault("model"),
        trigger = run.Tags.GetValueOrDefault("trigger"),
        runtimeStatus = run.RuntimeStatus.ToString(),
        input = run.Input,
        output = run.Output,
        customStatus = run.CustomStatus,
        error = run.Failure?.Message,
        createdTime = run.CreatedTime,
        lastUpdatedTime = run.LastUpdatedTime,
        steps = run.Steps.Select(s => new
        {
            name = s.Name,
            status = s.Status.ToString(),
            attempts = s.Attempts,
            start = s.Start,
            end = s.End,
            durationMs = s.DurationMs,
            error = s.Error,
        }),
    };
}
