using Microsoft.Extensions.Logging;

namespace ModelOps.Onnx;

/// <summary>Log messages of the ONNX Runtime adapter, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Loaded ONNX Runtime {Version} from {LibraryPath}")]
    public static partial void RuntimeLoaded(ILogger logger, string version, string libraryPath);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "CUDA execution provider unavailable ({Reason}); running the model on CPU")]
    public static partial void CudaFallback(ILogger logger, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Loaded a model of {Bytes} bytes: {InputCount} inputs, {OutputCount} outputs, provider {Provider}")]
    public static partial void ModelLoaded(ILogger logger, int bytes, int inputCount, int outputCount, string provider);
}
