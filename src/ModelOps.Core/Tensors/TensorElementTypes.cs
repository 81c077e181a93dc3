using System.Diagnostics.CodeAnalysis;

namespace ModelOps.Tensors;

/// <summary>Facts about <see cref="TensorElementType"/>: protocol names, .NET arrays and sizes.</summary>
public static class TensorElementTypes
{
    /// <summary>The Open Inference Protocol datatype name (BF16 is our extension).</summary>
    public static string ToProtocolName(this TensorElementType type) => type switch
    {
        TensorElementType.Bool => "BOOL",
        TensorElementType.UInt8 => "UINT8",
        TensorElementType.UInt16 => "UINT16",
        TensorElementType.UInt32 => "UINT32",
        TensorElementType.UInt64 => "UINT64",
        TensorElementType.Int8 => "INT8",
        TensorElementType.Int16 => "INT16",
        TensorElementType.Int32 => "INT32",
        TensorElementType.Int64 => "INT64",
        TensorElementType.Float16 => "FP16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float32 => "FP32",
        TensorElementType.Float64 => "FP64",
        TensorElementType.String => "BYTES",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Parses an Open Inference Protocol datatype name (case-sensitive, as the protocol spells them).</summary>
    public static bool TryParseProtocolName(string? name, out TensorElementType type)
    {
        switch (name)
        {
            case "BOOL": type = TensorElementType.Bool; return true;
            case "UINT8": type = TensorElementType.UInt8; return true;
            case "UINT16": type = TensorElementType.UInt16; return true;
            case "UINT32": type = TensorElementType.UInt32; return true;
            case "UINT64": type = TensorElementType.UInt64; return true;
            case "INT8": type = TensorElementType.Int8; return true;
            case "INT16": type = TensorElementType.Int16; return true;
            case "INT32": type = TensorElementType.Int32; return true;
            case "INT64": type = TensorElementType.Int64; return true;
            case "FP16": type = TensorElementType.Float16; return true;
            case "BF16": type = TensorElementType.BFloat16; return true;
            case "FP32": type = TensorElementType.Float32; return true;
            case "FP64": type = TensorElementType.Float64; return true;
            case "BYTES": type = TensorElementType.String; return true;
            default: type = default; return false;
        }
    }

    /// <summary>The ONNX type name, as in <c>tensor(float)</c>.</summary>
    public static string ToOnnxName(this TensorElementType type) => type switch
    {
        TensorElementType.Bool => "bool",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Int8 => "int8",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.Float32 => "float",
        TensorElementType.Float64 => "double",
        TensorElementType.String => "string",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Bytes per element; 0 for strings, whose size varies.</summary>
    public static int ElementSize(this TensorElementType type) => type switch
    {
        TensorElementType.Bool or TensorElementType.UInt8 or TensorElementType.Int8 => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.UInt32 or TensorElementType.Int32 or TensorElementType.Float32 => 4,
        TensorElementType.UInt64 or TensorElementType.Int64 or TensorElementType.Float64 => 8,
        TensorElementType.String => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The .NET element type of the array that holds this tensor type.</summary>
    public static Type ClrType(this TensorElementType type) => type switch
    {
        TensorElementType.Bool => typeof(bool),
        TensorElementType.UInt8 => typeof(byte),
        TensorElementType.UInt16 or TensorElementType.BFloat16 => typeof(ushort),
        TensorElementType.UInt32 => typeof(uint),
        TensorElementType.UInt64 => typeof(ulong),
        TensorElementType.Int8 => typeof(sbyte),
        TensorElementType.Int16 => typeof(short),
        TensorElementType.Int32 => typeof(int),
        TensorElementType.Int64 => typeof(long),
        TensorElementType.Float16 => typeof(Half),
        TensorElementType.Float32 => typeof(float),
        TensorElementType.Float64 => typeof(double),
        TensorElementType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A new zeroed array of <paramref name="length"/> elements ("" for strings).</summary>
    public static Array CreateArray(this TensorElementType type, int length)
    {
        if (type == TensorElementType.String)
        {
            var strings = new string[length];
            Array.Fill(strings, string.Empty);
            return strings;
        }

        return Array.CreateInstance(type.ClrType(), length);
    }

    /// <summary>True for the types whose values are numbers (or booleans) rather than strings.</summary>
    public static bool IsNumeric(this TensorElementType type) => type != TensorElementType.String;

    /// <summary>True for the floating-point types.</summary>
    public static bool IsFloatingPoint(this TensorElementType type) =>
        type is TensorElementType.Float16 or TensorElementType.BFloat16 or TensorElementType.Float32 or TensorElementType.Float64;

    /// <summary>Finds the element type whose .NET array is <paramref name="array"/>'s type (ushort maps to UInt16).</summary>
    /// <remarks>
    /// Compares exact types: the CLR lets <c>long[]</c> pass as <c>ulong[]</c> (and int/uint, short/ushort, sbyte/byte),
    /// so pattern matching on array types would confuse signed and unsigned tensors.
    /// </remarks>
    public static bool TryFromArray(Array array, [NotNullWhen(true)] out TensorElementType? type)
    {
        var element = array.GetType().GetElementType();
        type = element == typeof(float) ? TensorElementType.Float32
            : element == typeof(double) ? TensorElementType.Float64
            : element == typeof(long) ? TensorElementType.Int64
            : element == typeof(int) ? TensorElementType.Int32
            : element == typeof(string) ? TensorElementType.String
            : element == typeof(bool) ? TensorElementType.Bool
            : element == typeof(byte) ? TensorElementType.UInt8
            : element == typeof(sbyte) ? TensorElementType.Int8
            : element == typeof(short) ? TensorElementType.Int16
            : element == typeof(ushort) ? TensorElementType.UInt16
            : element == typeof(uint) ? TensorElementType.UInt32
            : element == typeof(ulong) ? TensorElementType.UInt64
            : element == typeof(Half) ? TensorElementType.Float16
            : null;
        return type is not null;
    }
}
