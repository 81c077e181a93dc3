namespace ModelOps.Onnx;

/// <summary>Where to find ONNX Runtime and how its process-wide environment is set up.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>The environment variable consulted when <see cref="LibraryPath"/> is not set: a library file or the folder holding it.</summary>
    public const string LibraryPathVariable = "MODELOPS_ONNXRUNTIME_PATH";

    /// <summary>
    /// The native library (<c>libonnxruntime.so.1</c>, <c>libonnxruntime.1.dylib</c>, <c>onnxruntime.dll</c>).
    /// Default null: use <see cref="LibraryPathVariable"/>, else walk up from the application's folder and then from the
    /// current directory looking for <c>node_modules/onnxruntime-node/bin/napi-v6/&lt;os&gt;/&lt;arch&gt;/&lt;library&gt;</c>.
    /// </summary>
    public string? LibraryPath { get; set; }

    /// <summary>
    /// ONNX Runtime's own log threshold for its environment (0 verbose, 1 info, 2 warning, 3 error, 4 fatal); default 3,
    /// so ORT's optimiser notes stay out of the service's stderr. Only the first runtime created in a process sets it.
    /// </summary>
    public int LogSeverityLevel { get; set; } = 3;
}
