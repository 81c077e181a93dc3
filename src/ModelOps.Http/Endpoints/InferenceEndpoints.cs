using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ModelOps.Access;
using ModelOps.Http.Security;
using ModelOps.Inference;
using ModelOps.Protocol;
using ModelOps.Registry;
using ModelOps.Runtime;

namespace ModelOps.Http.Endpoints;

/// <summary>The Open Inference Protocol v2 REST routes and the JSON-rows predict route.</summary>
public static class InferenceEndpoints
{
    /// <summary>Names the version that answered, on every inference response (the body says it too).</summary>
    public const string ModelVersionHeader = "model-version";

    public static IEndpointRouteBuilder MapInferenceEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v2/health/live", () => Results.Json(new { live = true })).AllowAnonymous();
        routes.MapGet("/v2/health/ready", async (ReadinessProbe probe, CancellationToken ct) =>
        {
            var ready = await probe.IsReadyAsync(ct).ConfigureAwait(false);
            return Results.Json(new { ready }, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous();

        // Every inference route needs Invoke on its model (the server's own metadata, of no model, on all models).
        var v2 = routes.MapGroup("/v2").RequirePermission(Permission.Invoke);
        v2.MapGet("/", (IModelRuntime runtime) => Results.Json(new { name = "modelops", version = typeof(InferenceEndpoints).Assembly.GetName().Version?.ToString(), runtime = $"{runtime.Name} {runtime.Version}", extensions = Array.Empty<string>() }));
        v2.MapGet("/models/{model}", (string model, InferenceService service, ModelRegistry registry, IModelRuntime runtime, CancellationToken ct) => DescribeAsync(model, null, service, registry, runtime, ct));
        v2.MapGet("/models/{model}/versions/{version}", (string model, string version, InferenceService service, ModelRegistry registry, IModelRuntime runtime, CancellationToken ct) =>
            DescribeAsync(model, HttpBodies.ParseVersion(version, model), service, registry, runtime, ct));
        v2.MapGet("/models/{model}/ready", (string model, InferenceService service, CancellationToken ct) => ReadyAsync(model, null, service, ct));
        v2.MapGet("/models/{model}/versions/{version}/ready", (string model, string version, InferenceService service, CancellationToken ct) =>
            ReadyAsync(model, HttpBodies.ParseVersion(version, model), service, ct));
        v2.MapPost("/models/{model}/infer", (HttpContext context, string model, InferenceService service) => InferAsync(context, model, null, service));
        v2.MapPost("/models/{model}/versions/{version}/infer", (HttpContext context, string model, string version, InferenceService service) =>
            InferAsync(context, model, HttpBodies.ParseVersion(version, model), service));

        routes.MapPost("/api/models/{model}/predict", PredictAsync).RequirePermission(Permission.Invoke);
        routes.MapPost("/api/models/{model}/versions/{version}/predict", (HttpContext context, string model, string version, InferenceService service) =>
            PredictAsync(context, model, service, HttpBodies.ParseVersion(version, model))).RequirePermission(Permission.Invoke);
        return routes;
    }

    private static async Task InferAsync(HttpContext context, string model, int? version, InferenceService service)
    {
        var ct = context.RequestAborted;
        using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
        var request = OipCodec.ReadRequest(body.RootElement, model, version);
        request = request with { Id = request.Id ?? RequestIds.New(), Header = HeaderOf(context) };
        var result = await service.InferAsync(request, ct).ConfigureAwait(false);
        context.Response.Headers[ModelVersionHeader] = result.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status200OK, writer => OipCodec.WriteResponse(writer, result), ct).ConfigureAwait(false);
    }

    private static async Task PredictAsync(HttpContext context, string model, InferenceService service, int? version = null)
    {
        var ct = context.RequestAborted;
        using var body = await HttpBodies.ReadJsonAsync(context.Request, ct).ConfigureAwait(false);
        var root = body.RootElement;
        var id = PredictCodec.ReadId(root) ?? RequestIds.New();
        var (result, signature) = await service.InferAsync(model, version, modelSignature => PredictCodec.ReadInputs(root, model, modelSignature), id, HeaderOf(context), PredictCodec.StickyInput(root), ct).ConfigureAwait(false);
        context.Response.Headers[ModelVersionHeader] = result.Version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await HttpBodies.WriteJsonAsync(context.Response, StatusCodes.Status200OK, writer => PredictionWriter.Write(writer, result, signature), ct).ConfigureAwait(false);
    }

    /// <summary>Request headers by name, for sticky routing.</summary>
    private static Func<string, string?> HeaderOf(HttpContext context) => name => context.Request.Headers[name].FirstOrDefault();

    private static async Task<IResult> DescribeAsync(string model, int? version, InferenceService service, ModelRegistry registry, IModelRuntime runtime, CancellationToken ct)
    {
        var (resolved, signature) = await service.DescribeAsync(model, version, ct).ConfigureAwait(false);
        var versions = await registry.ListVersionsAsync(model, ct).ConfigureAwait(false);
        return Results.Json(new
        {
            name = model,
            versions = versions.Select(v => v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            platform = runtime.Platform,
            version = resolved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            inputs = signature.Inputs.Select(SignatureJson.ToProtocol),
            outputs = signature.Outputs.Select(SignatureJson.ToProtocol),
        });
    }

    private static async Task<IResult> ReadyAsync(string model, int? version, InferenceService service, CancellationToken ct)
    {
        var ready = await service.IsReadyAsync(model, version, ct).ConfigureAwait(false);
        return Results.Json(new { name = model, ready });
    }
}
