using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ModelOps.Functions.Workflows;
using ModelOps.Http.Security;

namespace ModelOps.Functions.Http;

/// <summary>
/// The HTTP functions: each covers a set of routes at one authorization level, which the Functions host checks (function
/// or master key in <c>x-functions-key</c> or <c>code</c>), and hands the request to <see cref="ModelOpsPipeline"/>
/// with that level granted. The routes themselves are mapped once, in ModelOps.Http.
/// </summary>
/// <remarks>
/// Routes overlap only where a more specific one must win (<c>v2/health/{probe}</c> over <c>v2/{*path}</c>, the predict
/// routes over <c>api/{*path}</c>). The Functions host orders routes by specificity in recent versions and by function
/// name in older ones; the names are chosen so both orders agree (<c>health</c> &lt; <c>inference-*</c> &lt; <c>management</c>).
/// </remarks>
public sealed class HttpFunctions(ModelOpsPipeline pipeline, DurableClientAccessor durable)
{
    public const string Health = "health";
    public const string InferenceV2 = "inference-v2";
    public const string InferencePredict = "inference-predict";
    public const string InferencePredictVersion = "inference-predict-version";
    public const string Management = "management";

    /// <summary><c>GET /v2/health/live|ready</c>: open, for probes.</summary>
    [Function(Health)]
    public Task<IResult> HealthAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v2/health/{probe}")] HttpRequest request) =>
        HandleAsync(request, HostAccessGrant.Anonymous);

    /// <summary>The Open Inference Protocol routes under <c>/v2</c>.</summary>
    [Function(InferenceV2)]
    public Task<IResult> InferenceV2Async([HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = "v2/{*path}")] HttpRequest request) =>
        HandleAsync(request, HostAccessGrant.Of(AccessLevel.Inference));

    /// <summary><c>POST /api/models/{model}/predict</c>: JSON rows against the model's traffic policy.</summary>
    [Function(InferencePredict)]
    public Task<IResult> InferencePredictAsync([HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/predict")] HttpRequest request) =>
        HandleAsync(request, HostAccessGrant.Of(AccessLevel.Inference));

    /// <summary><c>POST /api/models/{model}/versions/{version}/predict</c>: JSON rows against one version.</summary>
    [Function(InferencePredictVersion)]
    public Task<IResult> InferencePredictVersionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/models/{model}/versions/{version}/predict")] HttpRequest request) =>
        HandleAsync(request, HostAccessGrant.Of(AccessLevel.Inference));

    /// <summary>Every management route under <c>/api</c> (registry, training, runs): the master key.</summary>
    [Function(Management)]
    public async Task<IResult> ManagementAsync(
        [HttpTrigger(AuthorizationLevel.Admin, "get", "post", "put", "patch", "delete", Route = "api/{*path}")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        durable.Client = client;
        return await HandleAsync(request, HostAccessGrant.Of(AccessLevel.Admin)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the pipeline, which writes the response itself; the empty result tells the worker the response is handled
    /// (and gives the function its HTTP output binding).
    /// </summary>
    private async Task<IResult> HandleAsync(HttpRequest request, HostAccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(request);
        await pipeline.HandleAsync(request.HttpContext, grant).ConfigureAwait(false);
        return Results.Empty;
    }
}
