using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ModelOps.Http.Endpoints;

namespace ModelOps.Http;

/// <summary>
/// Applies the route's body limit: a declared length over it is refused at once with 413; a chunked body is cut
/// off by the server when it passes the limit (Kestrel raises a 413 that the error middleware writes).
/// </summary>
internal sealed class BodyLimitMiddleware(RequestDelegate next, IOptions<HttpOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var kind = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Kind ?? BodyLimitKind.Request;
        var limit = kind == BodyLimitKind.ModelUpload ? options.Value.MaxModelBytes : options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return ErrorResults.WriteAsync(
                context,
                StatusCodes.Status413PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; this route accepts at most {limit}.");
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
