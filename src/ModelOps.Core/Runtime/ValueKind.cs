namespace ModelOps.Runtime;

/// <summary>The ONNX value kinds a model input or output can have.</summary>
public enum ValueKind
{
    Tensor,
    Sequence,
    Map,
    /// <summary>Optional, sparse tensor and other kinds we describe but do not exchange.</summary>
    Other,
}
