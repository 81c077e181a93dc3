using Microsoft.Extensions.Logging;

namespace ModelOps.Storage;

/// <summary>The storage adapter's log messages, with fixed event ids (3000–3499).</summary>
internal static partial class Log
{
    [LoggerMessage(3001, LogLevel.Information, "Storage layout ready: {Containers} containers and {Tables} tables")]
    public static partial void LayoutReady(ILogger logger, int containers, int tables);

    [LoggerMessage(3002, LogLevel.Error, "Could not create the storage layout through connection {Connection}; stores will try again on their first call")]
    public static partial void LayoutFailed(ILogger logger, string connection, Exception exception);
}
