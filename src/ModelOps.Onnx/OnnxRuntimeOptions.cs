using System.ComponentModel.DataAnnotations;

namespace ModelOps.Onnx;

/// <summary>How ONNX Runtime's process-wide environment is set up. Plain data; validated by <see cref="OnnxRuntimeOptionsValidator"/>.</summary>
public sealed class OnnxRuntimeOptions
{
    /// <summary>
    /// ONNX Runtime's own log threshold for its environment (0 verbose, 1 info, 2 warning, 3 error, 4 fatal); default 3,
    /// so ORT's optimiser notes stay out of the service's stderr. Only the first runtime created in a process sets it.
    /// </summary>
    [Range(0, 4)]
    public int LogSeverityLevel { get; set; } = 3;
}
