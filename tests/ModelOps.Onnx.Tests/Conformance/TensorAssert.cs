using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests.Conformance;

/// <summary>Compares tensors the way ONNX's backend tests do: floats within rtol 1e-3 and atol 1e-7, NaN equal to NaN, everything else exact.</summary>
internal static class TensorAssert
{
    public const double RelativeTolerance = 1e-3;
    public const double AbsoluteTolerance = 1e-7;

    public static void Close(Tensor expected, ModelValue actualValue, string what, double rtol = RelativeTolerance, double atol = AbsoluteTolerance)
    {
        var actual = Assert.IsType<Tensor>(actualValue);
        Assert.True(expected.ElementType == actual.ElementType, $"{what}: element type {actual.ElementType}, expected {expected.ElementType}");
        Assert.True(
            expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape [{string.Join(',', actual.Shape)}], expected [{string.Join(',', expected.Shape)}]");
        if (expected.ElementType.IsFloatingPoint())
        {
            var e = AsDoubles(expected);
            var a = AsDoubles(actual);
            for (var i = 0; i < e.Length; i++)
            {
                var ok = (double.IsNaN(e[i]) && double.IsNaN(a[i])) ||
                         e[i].Equals(a[i]) ||
                         Math.Abs(a[i] - e[i]) <= atol + (rtol * Math.Abs(e[i]));
                Assert.True(ok, $"{what}[{i}]: {a[i]}, expected {e[i]} (rtol {rtol}, atol {atol})");
            }

            return;
        }

        for (var i = 0; i < expected.Length; i++)
        {
            var e = expected.Data.GetValue(i);
            var a = actual.Data.GetValue(i);
            Assert.True(Equals(e, a), $"{what}[{i}]: {a}, expected {e}");
        }
    }

    public static double[] AsDoubles(Tensor tensor) => tensor.ElementType switch
    {
        TensorElementType.Float32 => tensor.As<float>().Select(v => (double)v).ToArray(),
        TensorElementType.Float64 => tensor.As<double>(),
        TensorElementType.Float16 => tensor.As<Half>().Select(v => (double)v).ToArray(),
        TensorElementType.BFloat16 => tensor.As<ushort>().Select(v => (double)BitConverter.Int32BitsToSingle(v << 16)).ToArray(),
        _ => throw new ArgumentException($"{tensor.ElementType} is not floating point.", nameof(tensor)),
    };
}
