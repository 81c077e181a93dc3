using ModelOps.Tensors;
using OrtElementType = Microsoft.ML.OnnxRuntime.Tensors.TensorElementType;

namespace ModelOps.Onnx;

/// <summary>
/// Maps <see cref="TensorElementType"/> to ONNX Runtime's element types (whose numbers are ONNX's <c>TensorProto.DataType</c>).
/// </summary>
internal static class OnnxElementTypes
{
    public static OrtElementType ToOrt(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => OrtElementType.Float,
        TensorElementType.UInt8 => OrtElementType.UInt8,
        TensorElementType.Int8 => OrtElementType.Int8,
        TensorElementType.UInt16 => OrtElementType.UInt16,
        TensorElementType.Int16 => OrtElementType.Int16,
        TensorElementType.Int32 => OrtElementType.Int32,
        TensorElementType.Int64 => OrtElementType.Int64,
        TensorElementType.String => OrtElementType.String,
        TensorElementType.Bool => OrtElementType.Bool,
        TensorElementType.Float16 => OrtElementType.Float16,
        TensorElementType.Float64 => OrtElementType.Double,
        TensorElementType.UInt32 => OrtElementType.UInt32,
        TensorElementType.UInt64 => OrtElementType.UInt64,
        TensorElementType.BFloat16 => OrtElementType.BFloat16,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Our type for an ORT element type; false for those we do not exchange (complex, float8, int4, ...).</summary>
    public static bool TryFromOrt(OrtElementType ort, out TensorElementType type)
    {
        switch (ort)
        {
            case OrtElementType.Float: type = TensorElementType.Float32; return true;
            case OrtElementType.UInt8: type = TensorElementType.UInt8; return true;
            case OrtElementType.Int8: type = TensorElementType.Int8; return true;
            case OrtElementType.UInt16: type = TensorElementType.UInt16; return true;
            case OrtElementType.Int16: type = TensorElementType.Int16; return true;
            case OrtElementType.Int32: type = TensorElementType.Int32; return true;
            case OrtElementType.Int64: type = TensorElementType.Int64; return true;
            case OrtElementType.String: type = TensorElementType.String; return true;
            case OrtElementType.Bool: type = TensorElementType.Bool; return true;
            case OrtElementType.Float16: type = TensorElementType.Float16; return true;
            case OrtElementType.Double: type = TensorElementType.Float64; return true;
            case OrtElementType.UInt32: type = TensorElementType.UInt32; return true;
            case OrtElementType.UInt64: type = TensorElementType.UInt64; return true;
            case OrtElementType.BFloat16: type = TensorElementType.BFloat16; return true;
            default: type = default; return false;
        }
    }

    /// <summary>The ONNX name of any element type ORT can report, including those we do not exchange.</summary>
    public static string OnnxName(OrtElementType ort) => TryFromOrt(ort, out var type)
        ? type.ToOnnxName()
        : (int)ort switch
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
            var other => "undefined(" + other.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
        };

    /// <summary>A new array of <paramref name="length"/> elements of the .NET type that holds <paramref name="type"/> (strings left null).</summary>
    public static Array NewArray(TensorElementType type, int length) => type switch
    {
        TensorElementType.Float32 => new float[length],
        TensorElementType.Float64 => new double[length],
        TensorElementType.Int64 => new long[length],
        TensorElementType.Int32 => new int[length],
        TensorElementType.Bool => new bool[length],
        TensorElementType.UInt8 => new byte[length],
        TensorElementType.Int8 => new sbyte[length],
        TensorElementType.Int16 => new short[length],
        TensorElementType.UInt16 or TensorElementType.BFloat16 => new ushort[length],
        TensorElementType.UInt32 => new uint[length],
        TensorElementType.UInt64 => new ulong[length],
        TensorElementType.Float16 => new Half[length],
        TensorElementType.String => new string[length],
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
