using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

/// <summary>Every element type in and out of ONNX Runtime unchanged, through generated Identity models.</summary>
public sealed class TensorRoundTripTests
{
    public static TheoryData<TensorElementType> AllTypes() => new(Enum.GetValues<TensorElementType>());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Run_Identity_ReturnsSameTypeShapeAndElements(TensorElementType type)
    {
        using var session = TestRuntime.LoadFile(TestTensors.IdentityModel(type));
        var input = new Tensor(type, [2, 3], TestTensors.Sample(type));

        var output = Assert.IsType<Tensor>(Assert.Single(session.Run([new NamedValue("x", input)])).Value);

        Assert.Equal(type, output.ElementType);
        Assert.Equal(new long[] { 2, 3 }, output.Shape);
        TestTensors.AssertSameElements(input.Data, output.Data);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Run_IdentityScalar_ReturnsRankZeroTensor(TensorElementType type)
    {
        using var session = TestRuntime.LoadFile(TestTensors.IdentityModel(type));
        var data = type.CreateArray(1);
        Array.Copy(TestTensors.Sample(type), 2, data, 0, 1);

        var output = Assert.IsType<Tensor>(session.Run([new NamedValue("x", new Tensor(type, [], data))])[0].Value);

        Assert.Empty(output.Shape);
        TestTensors.AssertSameElements(data, output.Data);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Run_IdentityEmpty_ReturnsEmptyTensorWithItsShape(TensorElementType type)
    {
        using var session = TestRuntime.LoadFile(TestTensors.IdentityModel(type));

        var output = Assert.IsType<Tensor>(session.Run([new NamedValue("x", new Tensor(type, [0, 3], type.CreateArray(0)))])[0].Value);

        Assert.Equal(type, output.ElementType);
        Assert.Equal(new long[] { 0, 3 }, output.Shape);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Run_IdentityStrings_KeepsUtf8AndLongStrings()
    {
        using var session = TestRuntime.LoadFile(TestTensors.IdentityModel(TensorElementType.String));
        string[] text = ["", "ß", "Ελληνικά", "中文", "👩‍💻", new string('x', 100_000)];

        var output = Assert.IsType<Tensor>(session.Run([new NamedValue("x", Tensor.Create(text, 3, 2))])[0].Value);

        Assert.Equal(text, output.As<string>());
    }

    [Fact]
    public void Run_CastFloat16ToFloat_ConvertsValues()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("cast_float16_to_float.onnx"));
        Half[] values = [(Half)0.5f, (Half)(-2f), (Half)1024f, Half.PositiveInfinity];

        var output = Assert.IsType<Tensor>(session.Run([new NamedValue("x", Tensor.Create(values, values.Length))])[0].Value);

        Assert.Equal(values.Select(v => (float)v), output.As<float>());
    }

    [Fact]
    public void Run_LargeTensor_IsCopiedOutCompletely()
    {
        using var session = TestRuntime.LoadFile(TestTensors.IdentityModel(TensorElementType.Float64));
        var data = Enumerable.Range(0, 1_000_000).Select(i => i * 0.5).ToArray();

        var output = Assert.IsType<Tensor>(session.Run([new NamedValue("x", Tensor.Create(data, 1000, 1000))])[0].Value);

        Assert.Equal(data, output.As<double>());
    }
}
