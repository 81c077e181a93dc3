using Microsoft.ML.OnnxRuntime;

namespace ModelOps.Onnx;

/// <summary>
/// ONNX Runtime's status code and message from an <see cref="OnnxRuntimeException"/>, whose message starts
/// <c>[ErrorCode:Name] </c> (the package keeps the code itself internal).
/// </summary>
internal readonly record struct OrtError(string Code, string Message)
{
    private const string Prefix = "[ErrorCode:";

    /// <summary>ORT's <c>ORT_INVALID_ARGUMENT</c>: inputs that do not match the model (names, element type, rank, fixed dimension).</summary>
    public bool IsInvalidArgument => Code == "InvalidArgument";

    public static OrtError From(OnnxRuntimeException exception)
    {
        var message = exception.Message;
        if (message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var end = message.IndexOf(']', Prefix.Length);
            if (end > 0)
            {
                return new OrtError(message[Prefix.Length..end], message[(end + 1)..].TrimStart());
            }
        }

        return new OrtError("Fail", message);
    }
}
