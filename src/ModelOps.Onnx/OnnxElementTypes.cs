using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>Maps <see cref="TensorElementType"/> to ONNX's <c>TensorProto.DataType</c> numbers (ORT's <c>ONNXTensorElementDataType</c>).</summary>
internal static class OnnxElementTypes
{
    public static int ToOnnx(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => 1,
        TensorElementType.UInt8 => 2,
        TensorElementType.Int8 => 3,
        TensorElementType.UInt16 => 4,
        TensorElementType.Int16 => 5,
        TensorElementType.Int32 => 6,
        TensorElementType.Int64 => 7,
        TensorElementType.String => 8,
        TensorElementType.Bool => 9,
        TensorElementType.Float16 => 10,
        TensorElementType.Float64 => 11,
        TensorElementType.UInt32 => 12,
        TensorElementType.UInt64 => 13,
        TensorElementType.BFloat16 => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryFromOnnx(int onnx, out TensorElementType type)
    {
        switch (onnx)
        {
            case 1: type = TensorElementType.Float32; return true;
            case 2: type = TensorElementType.UInt8; return true;
            case 3: type = TensorElementType.Int8; return true;
            case 4: type = TensorElementType.UInt16; return true;
            case 5: type = TensorElementType.Int16; return true;
            case 6: type = TensorElementType.Int32; return true;
            case 7: type = TensorElementType.Int64; return true;
            case 8: type = TensorElementType.String; return true;
            case 9: type = TensorElementType.Bool; return true;
            case 10: type = TensorElementType.Float16; return true;
            case 11: type = TensorElementType.Float64; return true;
            case 12: type = TensorElementType.UInt32; return true;
            case 13: type = TensorElementType.UInt64; return true;
            case 16: type = TensorElementType.BFloat16; return true;
            default: type = default; return false;
        }
    }

    /// <summary>The ONNX name of any element type ORT can report, including those we do not exchange.</summary>
    public static string OnnxName(int onnx) => TryFromOnnx(onnx, out var type)
        ? type.ToOnnxName()
        : onnx switch
        {
            14 => "complex64",
            15 => "complex128",
            17 => "float8e4m3fn",
            18 => "float8e4m3fnuz",
            19 => "float8e5m2",
            20 => "float8e5m2fnuz",
            21 => "uint4",
            22 => "int4",
            23 => "float4e2m1",
            _ => "undefined(" + onnx.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
        };
}
