namespace ModelOps.Runtime;

/// <summary>Where a model runs.</summary>
public enum ExecutionProvider
{
    Cpu,
    /// <summary>NVIDIA GPU through ONNX Runtime's CUDA provider; falls back to CPU when its library is absent unless required.</summary>
    Cuda,
}
