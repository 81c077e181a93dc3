using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ModelOps.Errors;

namespace ModelOps.Http;

/// <summary>
/// Turns expected failures into JSON responses in one place: <see cref="ModelOpsException"/> by its kind,
/// malformed JSON as 400, an oversized body as 413. Anything else is a bug: 500, logged.
/// </summary>
internal sealed class ErrorHandlingMiddleware(RequestDelegate next, ILogger<ErrorHandlingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.Response.HasStarted && TryDescribe(exception, out var status, out var message))
        {
            await ErrorResults.WriteAsync(context, status, message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nothing to answer.
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            Log.UnhandledError(logger, context.Request.Method, context.Request.Path, exception);
            await ErrorResults.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal error; the server log has the details.").ConfigureAwait(false);
        }
    }

    internal static bool TryDescribe(Exception exception, out int status, out string message)
    {
        switch (exception)
        {
            case ModelOpsException modelOps:
                status = StatusOf(modelOps.Kind);
                message = modelOps.Message;
                return true;
            case JsonException json:
                status = StatusCodes.Status400BadRequest;
                message = $"The body is not valid JSON: {json.Message}";
                return true;
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                message = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The request body is larger than this server accepts."
                    : bad.Message;
                return true;
            default:
                status = 0;
                message = string.Empty;
                return false;
        }
    }

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };

}
