using ModelOps.Tensors;

namespace ModelOps.Core.Tests.Tensors;

public sealed class TensorTests
{
    [Fact]
    public void Constructor_DataLengthDiffersFromShape_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => new Tensor(TensorElementType.Float32, [2, 3], new float[5]));

        Assert.Contains("holds 6 elements but the data has 5", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ArrayOfOtherType_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Tensor(TensorElementType.Float32, [2], new double[2]));
    }

    [Fact]
    public void Create_InfersElementTypeFromArray()
    {
        var tensor = Tensor.Create(new long[] { 1, 2, 3, 4 }, 2, 2);

        Assert.Equal(TensorElementType.Int64, tensor.ElementType);
        Assert.Equal(new long[] { 2, 2 }, tensor.Shape);
    }

    [Fact]
    public void ElementCount_Scalar_IsOne() => Assert.Equal(1, Tensor.ElementCount([]));

    [Fact]
    public void ElementCount_ZeroDimension_IsZero() => Assert.Equal(0, Tensor.ElementCount([3, 0, 5]));

    [Fact]
    public void ElementCount_Overflow_Throws() =>
        Assert.Throws<OverflowException>(() => Tensor.ElementCount([long.MaxValue, 2]));

    [Theory]
    [InlineData("BOOL", TensorElementType.Bool)]
    [InlineData("UINT8", TensorElementType.UInt8)]
    [InlineData("UINT64", TensorElementType.UInt64)]
    [InlineData("INT8", TensorElementType.Int8)]
    [InlineData("INT64", TensorElementType.Int64)]
    [InlineData("FP16", TensorElementType.Float16)]
    [InlineData("FP32", TensorElementType.Float32)]
    [InlineData("FP64", TensorElementType.Float64)]
    [InlineData("BYTES", TensorElementType.String)]
    public void ProtocolNames_RoundTrip(string name, TensorElementType type)
    {
        Assert.True(TensorElementTypes.TryParseProtocolName(name, out var parsed));
        Assert.Equal(type, parsed);
        Assert.Equal(name, type.ToProtocolName());
    }

    [Theory]
    [InlineData("fp32")]
    [InlineData("FLOAT")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParseProtocolName_Unknown_False(string? name) => Assert.False(TensorElementTypes.TryParseProtocolName(name, out _));

    [Fact]
    public void CreateArray_Strings_AreEmptyNotNull()
    {
        var strings = (string[])TensorElementType.String.CreateArray(3);

        Assert.All(strings, s => Assert.Equal(string.Empty, s));
    }
}
