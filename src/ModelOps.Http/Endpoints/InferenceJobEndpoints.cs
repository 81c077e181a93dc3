using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Errors;
using ModelOps.Http.Security;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>
/// Inference that does not answer on the connection: a queue message's result and batch transform jobs (the job is a
/// run, followed at <c>/api/runs/{id}</c>). Both are inference, so both need <see cref="Permission.Invoke"/> on the model.
/// </summary>
public static class InferenceJobEndpoints
{
    /// <summary>Request bodies name every field they set; a misspelt one is a 400, not a silent default.</summary>
    private static readonly JsonSerializerOptions StrictOptions = new(ModelOpsJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IEndpointRouteBuilder MapInferenceJobEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/models/{model}/inference/{id}", async (string model, string id, QueueInferenceService service, CancellationToken ct) =>
            Results.Bytes(await service.GetResultAsync(model, id, ct).ConfigureAwait(false), "application/json"))
            .RequirePermission(Permission.Invoke);

        routes.MapPost("/api/models/{model}/batch", async (HttpContext context, string model, BatchTransformService service, CancellationToken ct) =>
        {
            var request = await ReadAsync<BatchTransformRequest>(context.Request, "a batch transform request", ct).ConfigureAwait(false);
            var runId = await service.StartAsync(model, request, ct).ConfigureAwait(false);
            context.Response.Headers.Location = $"/api/runs/{runId}";
            return Results.Json(new { id = runId, statusQueryGetUri = $"/api/runs/{runId}" }, ModelOpsJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).RequirePermission(Permission.Invoke);

        return routes;
    }

    /// <summary>A JSON object body as <typeparamref name="T"/>, with a 400 naming the field at fault.</summary>
    internal static async Task<T> ReadAsync<T>(HttpRequest request, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var body = await HttpBodies.ReadJsonAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid($"The body must be a JSON object: {what}.");
        }

        try
        {
            return body.RootElement.Deserialize<T>(StrictOptions) ?? throw ModelOpsException.Invalid($"The body must be a JSON object: {what}.");
        }
        catch (JsonException exception)
        {
            throw ModelOpsException.Invalid($"The body is not {what}{(exception.Path is { } path ? $" at '{path}'" : string.Empty)}: {exception.Message}");
        }
    }
}
