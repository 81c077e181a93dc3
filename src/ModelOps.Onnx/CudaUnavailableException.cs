namespace ModelOps.Onnx;

/// <summary>ONNX Runtime could not add its CUDA execution provider to a session (provider or CUDA library missing).</summary>
internal sealed class CudaUnavailableException : Exception
{
    public CudaUnavailableException()
    {
    }

    public CudaUnavailableException(string message)
        : base(message)
    {
    }

    public CudaUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
