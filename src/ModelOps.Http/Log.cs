using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModelOps.Http;

/// <summary>Every log message of the HTTP layer, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, string method, PathString path, Exception exception);
}
