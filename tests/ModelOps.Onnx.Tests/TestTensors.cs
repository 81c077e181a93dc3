using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

/// <summary>Sample tensors of every element type, with edge values (extremes, negative zero, NaN, non-ASCII text).</summary>
internal static class TestTensors
{
    public static Array Sample(TensorElementType type) => type switch
    {
        TensorElementType.Bool => new[] { true, false, true, true, false, false },
        TensorElementType.UInt8 => new byte[] { 0, 1, 127, 128, 254, 255 },
        TensorElementType.UInt16 => new ushort[] { 0, 1, 255, 256, 65534, 65535 },
        TensorElementType.UInt32 => new uint[] { 0, 1, 65536, 2147483648, 4294967294, uint.MaxValue },
        TensorElementType.UInt64 => new ulong[] { 0, 1, 4294967296, 9223372036854775808, ulong.MaxValue - 1, ulong.MaxValue },
        TensorElementType.Int8 => new sbyte[] { sbyte.MinValue, -1, 0, 1, 100, sbyte.MaxValue },
        TensorElementType.Int16 => new short[] { short.MinValue, -1, 0, 1, 1000, short.MaxValue },
        TensorElementType.Int32 => new[] { int.MinValue, -1, 0, 1, 123456789, int.MaxValue },
        TensorElementType.Int64 => new[] { long.MinValue, -1L, 0L, 1L, 1234567890123L, long.MaxValue },
        TensorElementType.Float16 => new[] { Half.MinValue, (Half)(-1.5f), Half.NegativeZero, Half.Epsilon, (Half)65504f, Half.NaN },
        TensorElementType.BFloat16 => new ushort[] { 0x0000, 0x8000, 0x3F80, 0xC0A0, 0x7F80, 0x7FC0 },
        TensorElementType.Float32 => new[] { float.MinValue, -1.25f, -0f, float.Epsilon, float.PositiveInfinity, float.NaN },
        TensorElementType.Float64 => new[] { double.MinValue, -1.25, -0d, double.Epsilon, double.NegativeInfinity, double.NaN },
        TensorElementType.String => new[] { string.Empty, "ascii", "héllo wörld", "日本語のテキスト", "emoji 🎉👍", "tab\tand\nnewline" },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The file name suffix of the identity model for a type (identity_&lt;onnx name&gt;.onnx).</summary>
    public static string IdentityModel(TensorElementType type) => TestPaths.Model($"identity_{type.ToOnnxName()}.onnx");

    /// <summary>Element-wise equality by bits for floats (so NaN and -0 must survive exactly), by value otherwise.</summary>
    public static void AssertSameElements(Array expected, Array actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            object? e = expected.GetValue(i);
            object? a = actual.GetValue(i);
            switch (e)
            {
                case float f:
                    Assert.Equal(BitConverter.SingleToInt32Bits(f), BitConverter.SingleToInt32Bits((float)a!));
                    break;
                case double d:
                    Assert.Equal(BitConverter.DoubleToInt64Bits(d), BitConverter.DoubleToInt64Bits((double)a!));
                    break;
                case Half h:
                    Assert.Equal(BitConverter.HalfToUInt16Bits(h), BitConverter.HalfToUInt16Bits((Half)a!));
                    break;
                default:
                    Assert.Equal(e, a);
                    break;
            }
        }
    }
}
