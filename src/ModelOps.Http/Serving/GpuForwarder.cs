using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Registry;
using Yarp.ReverseProxy.Forwarder;

namespace ModelOps.Http.Serving;

/// <summary>
/// Sends one inference call to the GPU serving app with the same contract: the same method, body (streamed), query and
/// headers (the caller's <c>x-functions-key</c> or bearer token included, so the serving app checks the same access),
/// with the path pinned to the version this host resolved, so both hosts agree on which version answers. The serving
/// app's status, headers and body come back as they are; when it cannot be reached the caller gets 502, when it stays
/// silent past <see cref="GpuServingOptions.Timeout"/> 504, each with a JSON error body.
/// </summary>
public sealed class GpuForwarder : IDisposable
{
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _client;
    private readonly ForwarderRequestConfig _config;
    private readonly string _destination;
    private readonly TimeSpan _timeout;
    private readonly ILogger<GpuForwarder> _logger;

    public GpuForwarder(IHttpForwarder forwarder, IOptions<ServingOptions> options, ILogger<GpuForwarder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var gpu = options.Value.GpuServing;
        _forwarder = forwarder;
        _logger = logger;
        _destination = gpu.BaseUrl?.AbsoluteUri.TrimEnd('/') ?? string.Empty;
        _timeout = gpu.Timeout;
        _config = new ForwarderRequestConfig { ActivityTimeout = gpu.Timeout };
        _client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(15),
        });
    }

    /// <summary>Forwards the request to the serving app for <paramref name="version"/> and writes its answer (or the error) as the response.</summary>
    public async Task ForwardAsync(HttpContext context, ModelVersion version)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(version);
        var path = PinnedPath(context.Request, version);
        Log.GpuForwarding(_logger, version.Name, version.Version, _destination);
        var error = await _forwarder.SendAsync(context, _destination, _client, _config, new PinnedPathTransformer(path)).ConfigureAwait(false);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        Log.GpuForwardFailed(_logger, version.Name, version.Version, _destination, error, exception);
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var status = error == ForwarderError.RequestTimedOut ? StatusCodes.Status504GatewayTimeout
            : context.Response.StatusCode >= StatusCodes.Status400BadRequest ? context.Response.StatusCode
            : StatusCodes.Status502BadGateway;
        var message = status switch
        {
            StatusCodes.Status504GatewayTimeout =>
                $"The GPU serving app did not answer for model '{version.Name}' version {version.Version} within {_timeout}.",
            StatusCodes.Status502BadGateway =>
                $"The GPU serving app for model '{version.Name}' version {version.Version} could not be reached ({error}: {exception?.Message ?? "no detail"}).",
            _ => $"Forwarding model '{version.Name}' version {version.Version} to the GPU serving app failed ({error}).",
        };
        context.Response.Headers.Clear();
        await ErrorResults.WriteAsync(context, status, message).ConfigureAwait(false);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The request's path with <c>/versions/{n}</c> after the model when the caller named none: <c>/v2/models/m/infer</c>
    /// becomes <c>/v2/models/m/versions/3/infer</c>, <c>/api/models/m/predict</c> becomes <c>/api/models/m/versions/3/predict</c>.
    /// </summary>
    internal static PathString PinnedPath(HttpRequest request, ModelVersion version)
    {
        var path = request.Path.Value ?? string.Empty;
        if (request.RouteValues.ContainsKey("version"))
        {
            return request.Path;
        }

        var model = "/models/" + version.Name;
        var at = path.IndexOf(model, StringComparison.Ordinal);
        if (at < 0)
        {
            return request.Path;
        }

        var end = at + model.Length;
        return new PathString(string.Concat(path.AsSpan(0, end), "/versions/", version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), path.AsSpan(end)));
    }

    private sealed class PinnedPathTransformer(PathString path) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(
            HttpContext httpContext,
            HttpRequestMessage proxyRequest,
            string destinationPrefix,
            CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, path, httpContext.Request.QueryString);
        }
    }
}
