using Microsoft.Extensions.Logging;

namespace ModelOps.Onnx;

/// <summary>Log messages of the ONNX Runtime adapter, with fixed event ids (this project's range is 3500-3999).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3500, Level = LogLevel.Information, Message = "Using ONNX Runtime {Version} (execution providers: {Providers})")]
    public static partial void RuntimeLoaded(ILogger logger, string version, string providers);

    [LoggerMessage(EventId = 3501, Level = LogLevel.Warning, Message = "CUDA execution provider unavailable, models requesting it run on CPU: {Reason}")]
    public static partial void CudaFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 3502, Level = LogLevel.Debug, Message = "Loaded a model of {Bytes} bytes: {InputCount} inputs, {OutputCount} outputs, provider {Provider}, outputs pre-bound: {PreBound}")]
    public static partial void ModelLoaded(ILogger logger, int bytes, int inputCount, int outputCount, string provider, bool preBound);

    [LoggerMessage(EventId = 3503, Level = LogLevel.Warning, Message = "A model's outputs did not have the shapes its signature declares ({Reason}); its runs no longer pre-bind outputs")]
    public static partial void PreBindingDisabled(ILogger logger, string reason);
}
