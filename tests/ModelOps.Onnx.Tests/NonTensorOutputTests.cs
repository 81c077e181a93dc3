using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

/// <summary>Sequence and map outputs (generated models: ZipMap with string labels, SequenceConstruct).</summary>
public sealed class NonTensorOutputTests
{
    [Fact]
    public void Signature_ZipMapStrings_DescribesSequenceOfStringKeyedMaps()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("zipmap_strings.onnx"));

        var output = Assert.Single(session.Signature.Outputs);
        Assert.Equal(ValueKind.Sequence, output.Kind);
        Assert.Equal("seq(map(string,tensor(float)))", output.OnnxType);
        Assert.Equal(TensorElementType.String, output.MapKeyType);
        Assert.Equal(TensorElementType.Float32, output.ElementType);
        Assert.Empty(output.Shape);
        Assert.Equal(-1, output.Rank);
    }

    [Fact]
    public void Run_ZipMapStrings_ReturnsOneMapPerRow()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("zipmap_strings.onnx"));
        float[] scores = [0.1f, 0.7f, 0.2f, 0.5f, 0.25f, 0.25f];

        var rows = Assert.IsType<SequenceValue>(session.Run([new NamedValue("scores", Tensor.Create(scores, 2, 3))])[0].Value).Items;

        Assert.Equal(2, rows.Count);
        for (var r = 0; r < 2; r++)
        {
            var map = Assert.IsType<MapValue>(rows[r]);
            var pairs = map.Keys.As<string>().Zip(map.Values.As<float>()).ToDictionary(p => p.First, p => p.Second);
            Assert.Equal(scores[r * 3], pairs["cat"]);
            Assert.Equal(scores[(r * 3) + 1], pairs["dog"]);
            Assert.Equal(scores[(r * 3) + 2], pairs["émeu"]);
        }
    }

    [Fact]
    public void Run_SequenceOfTensors_ReturnsEachTensorAndScalarCount()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("sequence.onnx"));
        Assert.Equal("seq(tensor(int64))", session.Signature.FindOutput("items")!.OnnxType);
        Assert.Equal(ValueKind.Tensor, session.Signature.FindOutput("count")!.Kind);

        var results = session.Run(
        [
            new NamedValue("a", new Tensor(TensorElementType.Int64, [3], new long[] { 1, 2, 3 })),
            new NamedValue("b", new Tensor(TensorElementType.Int64, [1], new long[] { -9 })),
        ]);

        var items = Assert.IsType<SequenceValue>(results[0].Value).Items;
        Assert.Equal(2, items.Count);
        Assert.Equal([1L, 2L, 3L], Assert.IsType<Tensor>(items[0]).As<long>());
        Assert.Equal([-9L], Assert.IsType<Tensor>(items[1]).As<long>());
        var count = Assert.IsType<Tensor>(results[1].Value);
        Assert.Empty(count.Shape);
        Assert.Equal([2L], count.As<long>());
    }
}
