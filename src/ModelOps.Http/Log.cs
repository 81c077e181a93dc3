using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModelOps.Http;

/// <summary>Every log message of the HTTP layer, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(2001, LogLevel.Error, "Unhandled error on {Method} {Path}")]
    public static partial void UnhandledError(ILogger logger, string method, PathString path, Exception exception);

    [LoggerMessage(2050, LogLevel.Debug, "Forwarding {Model} version {Version} to the GPU serving app at {Destination}")]
    public static partial void GpuForwarding(ILogger logger, string model, int version, string destination);

    [LoggerMessage(2051, LogLevel.Warning, "Forwarding {Model} version {Version} to {Destination} failed: {Error}")]
    public static partial void GpuForwardFailed(ILogger logger, string model, int version, string destination, Yarp.ReverseProxy.Forwarder.ForwarderError error, Exception? exception);

    [LoggerMessage(10001, LogLevel.Information, "Refused {Method} {Path} to {Caller}: needs {Permission}")]
    public static partial void AccessDenied(ILogger logger, string caller, ModelOps.Access.Permission permission, string method, PathString path);

    [LoggerMessage(10002, LogLevel.Critical, "Could not append to the audit trail; the change was made. The record: {Record}")]
    public static partial void AuditAppendFailed(ILogger logger, string record, Exception exception);
}
