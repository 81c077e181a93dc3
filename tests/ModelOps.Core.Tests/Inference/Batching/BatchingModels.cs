using ModelOps.Inference.Batching;
using ModelOps.Onnx;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Inference.Batching;

/// <summary>Real models loaded in the real ONNX Runtime, and batching sessions over them.</summary>
internal static class BatchingModels
{
    private static readonly OnnxModelRuntime Runtime = new(new OnnxRuntimeOptions());

    /// <summary>x float[N,20] → Gemm 64 → Relu → Gemm 32 → Relu → Gemm 3 → logits float[N,3].</summary>
    public static IModelSession Mlp() => Load(Path.Combine(RepositoryPaths.RepoRoot, "bench", "inprocess", "models", "mlp.onnx"));

    /// <summary>scikit-learn RandomForest on iris: X float[N,4] → output_label int64[N], output_probability seq(map(int64,float)).</summary>
    public static IModelSession IrisForest() => Load(Path.Combine(RepositoryPaths.SharedData, "onnx-models", "onnxruntime_go__sklearn_randomforest.onnx"));

    /// <summary>x float[N,4] → its column sums, declared [N,4] but computed [1,4]: rows that depend on each other.</summary>
    public static IModelSession ColumnSums() => Load(Path.Combine(AppContext.BaseDirectory, "Inference", "Batching", "Models", "column_sums.onnx"));

    public static ModelVersion Version(string name) => new()
    {
        Name = name,
        Version = 1,
        Sha256 = new string('0', 64),
        Size = 1,
        Inputs = [],
        Outputs = [],
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    public static BatchingSession Batching(IModelSession inner, EffectiveBatching settings, TimeProvider? time = null, string model = "m") =>
        new(inner, Version(model), _ => ValueTask.FromResult(settings), time ?? TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    public static EffectiveBatching On(int maxBatchSize = 64, int maxDelayMicroseconds = 0) =>
        new(true, maxBatchSize, maxDelayMicroseconds);

    /// <summary>A request of <paramref name="rows"/> rows of deterministic values (seeded by <paramref name="seed"/>).</summary>
    public static NamedValue[] Rows(string input, int rows, int width, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * width];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return [new NamedValue(input, Tensor.Create(data, rows, width))];
    }

    /// <summary>Asserts two answers equal element for element (exactly: the same bits for floats).</summary>
    public static void AssertSame(IReadOnlyList<NamedValue> expected, IReadOnlyList<NamedValue> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Name, actual[i].Name);
            AssertSame(expected[i].Value, actual[i].Value);
        }
    }

    private static void AssertSame(ModelValue expected, ModelValue actual)
    {
        switch (expected)
        {
            case Tensor e:
                var a = Assert.IsType<Tensor>(actual);
                Assert.Equal(e.ElementType, a.ElementType);
                Assert.Equal(e.Shape, a.Shape);
                Assert.Equal(e.Data.Cast<object>(), a.Data.Cast<object>());
                break;
            case SequenceValue e:
                var s = Assert.IsType<SequenceValue>(actual);
                Assert.Equal(e.Items.Count, s.Items.Count);
                for (var i = 0; i < e.Items.Count; i++)
                {
                    AssertSame(e.Items[i], s.Items[i]);
                }

                break;
            case MapValue e:
                var m = Assert.IsType<MapValue>(actual);
                AssertSame(e.Keys, m.Keys);
                AssertSame(e.Values, m.Values);
                break;
        }
    }

    private static IModelSession Load(string path) => Runtime.Load(File.ReadAllBytes(path), new ModelLoadOptions { IntraOpThreads = 1 });
}
