namespace ModelOps.Runtime;

/// <summary>The runtime refused or failed a run; <see cref="IsInvalidInput"/> separates the caller's fault from ours.</summary>
public sealed class ModelRunException : Exception
{
    public ModelRunException(string message, bool isInvalidInput)
        : base(message)
    {
        IsInvalidInput = isInvalidInput;
    }

    /// <summary>True when the runtime blamed the inputs (ONNX Runtime's INVALID_ARGUMENT).</summary>
    public bool IsInvalidInput { get; }
}
