using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ModelOps.Http;

/// <summary>The one error body every route uses: <c>{"error": "..."}</c>.</summary>
public static class ErrorResults
{
    /// <summary>The error body as a route's result (written as <see cref="WriteAsync"/> writes it).</summary>
    public static IResult Json(int statusCode, string message) => new ErrorResult(statusCode, message);

    /// <summary>
    /// Writes the error body directly (for middleware, where no endpoint result runs), with its length, so later steps
    /// (<see cref="ErrorBodyMiddleware"/>) see that the response has a body even where the server has not started it.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new ErrorBody(message), ModelOps.Serialization.ModelOpsJson.Options);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = MediaTypeNames.Application.Json;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record ErrorBody(string Error);

    private sealed class ErrorResult(int statusCode, string message) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, statusCode, message);
    }
}
