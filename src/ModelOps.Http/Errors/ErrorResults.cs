using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ModelOps.Http;

/// <summary>The one error body every route uses: <c>{"error": "..."}</c>.</summary>
public static class ErrorResults
{
    public static IResult Json(int statusCode, string message) =>
        Results.Json(new ErrorBody(message), ModelOps.Serialization.ModelOpsJson.Options, MediaTypeNames.Application.Json, statusCode);

    /// <summary>Writes the error body directly (for middleware, where no endpoint result runs).</summary>
    public static async Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = MediaTypeNames.Application.Json;
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(message), ModelOps.Serialization.ModelOpsJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed record ErrorBody(string Error);
}
