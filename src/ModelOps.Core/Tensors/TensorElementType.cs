namespace ModelOps.Tensors;

/// <summary>
/// Element types a tensor can hold: every type the Open Inference Protocol can carry, plus bfloat16,
/// which ONNX models use and the protocol does not name.
/// </summary>
/// <remarks>
/// The .NET array behind each type: Bool→bool[], UInt8→byte[], UInt16→ushort[], UInt32→uint[],
/// UInt64→ulong[], Int8→sbyte[], Int16→short[], Int32→int[], Int64→long[], Float16→Half[],
/// BFloat16→ushort[] (raw bits), Float32→float[], Float64→double[], String→string[].
/// </remarks>
public enum TensorElementType
{
    Float32,
    UInt8,
    Int8,
    UInt16,
    Int16,
    Int32,
    Int64,
    String,
    Bool,
    Float16,
    Float64,
    UInt32,
    UInt64,
    BFloat16,
}
