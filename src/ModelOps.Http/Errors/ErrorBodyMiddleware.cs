using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ModelOps.Http;

/// <summary>
/// Gives every error response a JSON body: a 4xx or 5xx that left the pipeline without one (from routing, the framework
/// or a handler that set only a status) gets <c>{"error": ...}</c> saying what the status means here.
/// </summary>
internal sealed class ErrorBodyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context).ConfigureAwait(false);
        var status = context.Response.StatusCode;
        var response = context.Response;
        if (status >= StatusCodes.Status400BadRequest && !response.HasStarted && response.ContentLength is null or 0 && string.IsNullOrEmpty(response.ContentType))
        {
            await ErrorResults.WriteAsync(context, status, Describe(status, context.Request)).ConfigureAwait(false);
        }
    }

    internal static string Describe(int status, HttpRequest? request) => status switch
    {
        StatusCodes.Status404NotFound when request is not null => $"No route matches {request.Method} {request.Path}.",
        StatusCodes.Status405MethodNotAllowed when request is not null => $"{request.Path} does not take {request.Method}.",
        StatusCodes.Status400BadRequest => "The request is malformed: its line, path or headers cannot be read (for example an encoded NUL or control character in the path).",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this server accepts.",
        StatusCodes.Status414UriTooLong => "The request URL is longer than this server accepts.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The request headers are larger than this server accepts.",
        _ => $"{ReasonPhrases.GetReasonPhrase(status)}.",
    };
}
