namespace ModelOps.Onnx.Native;

/// <summary>An <c>OrtStatus</c> that was not OK, with ONNX Runtime's code and message (internal; mapped to the port's exceptions).</summary>
internal sealed class OrtException : Exception
{
    public OrtException(OrtErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public OrtException()
    {
    }

    public OrtException(string message)
        : base(message)
    {
    }

    public OrtException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OrtErrorCode Code { get; } = OrtErrorCode.Fail;
}
