namespace ModelOps.Runtime;

/// <summary>
/// The port to a model runtime (ONNX Runtime in production): turns model bytes into a session.
/// </summary>
public interface IModelRuntime
{
    /// <summary>A short name, e.g. <c>onnxruntime</c>.</summary>
    string Name { get; }

    /// <summary>The runtime's version, e.g. <c>1.30.0</c>.</summary>
    string Version { get; }

    /// <summary>The platform name reported by model metadata routes, e.g. <c>onnxruntime_onnx</c>.</summary>
    string Platform { get; }

    /// <summary>
    /// Loads a model. Throws <see cref="ModelLoadException"/> when the bytes are not a model the runtime can run.
    /// </summary>
    IModelSession Load(ReadOnlyMemory<byte> model, ModelLoadOptions? options = null);
}
