using Microsoft.Extensions.DependencyInjection;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx.Tests;

public sealed class OnnxModelRuntimeTests
{
    [Fact]
    public void Runtime_Identity_ReportsNameVersionAndPlatform()
    {
        var runtime = TestRuntime.Instance;

        Assert.Equal("onnxruntime", runtime.Name);
        Assert.Equal("1.30.0", runtime.Version);
        Assert.Equal("onnxruntime_onnx", runtime.Platform);
    }

    [Fact]
    public void Load_GarbageBytes_ThrowsModelLoadExceptionWithOrtMessage()
    {
        var exception = Assert.Throws<ModelLoadException>(() => TestRuntime.Instance.Load(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));

        Assert.StartsWith("ONNX Runtime could not load the model: ", exception.Message, StringComparison.Ordinal);
        Assert.True(exception.Message.Length > "ONNX Runtime could not load the model: ".Length);
    }

    [Fact]
    public void Load_Empty_ThrowsModelLoadException()
    {
        Assert.Throws<ModelLoadException>(() => TestRuntime.Instance.Load(ReadOnlyMemory<byte>.Empty));
    }

    [Fact]
    public void Load_TruncatedModel_ThrowsModelLoadException()
    {
        var bytes = File.ReadAllBytes(TestPaths.Model("add_mul.onnx"));

        Assert.Throws<ModelLoadException>(() => TestRuntime.Instance.Load(bytes.AsMemory(0, bytes.Length / 2)));
    }

    [Fact]
    public void Signature_MetadataModel_ReadsEveryMetadataField()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("metadata.onnx"));
        var metadata = session.Signature.Metadata;

        Assert.Equal("modelops-tests", metadata.ProducerName);
        Assert.Equal("metadata_graph", metadata.GraphName);
        Assert.Equal("ai.modelops.tests", metadata.Domain);
        Assert.Equal("A model that carries metadata", metadata.Description);
        Assert.Equal(7, metadata.Version);
        Assert.Equal(3, metadata.Custom.Count);
        Assert.Equal("ModelOps", metadata.Custom["author"]);
        Assert.Equal("MIT", metadata.Custom["licence"]);
        Assert.Equal("ünïcødé ✓", metadata.Custom["unicode"]);
    }

    [Fact]
    public void Signature_DynamicDims_AreMinusOne()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("metadata.onnx"));

        var input = Assert.Single(session.Signature.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(ValueKind.Tensor, input.Kind);
        Assert.Equal(TensorElementType.Float32, input.ElementType);
        Assert.Equal("tensor(float)", input.OnnxType);
        Assert.Equal(new long[] { -1, -1, 3 }, input.Shape);
        Assert.Equal(3, input.Rank);
        Assert.Equal(new long[] { -1, -1, 3 }, Assert.Single(session.Signature.Outputs).Shape);
    }

    [Fact]
    public void Signature_AddMul_ListsInputsAndOutputsInGraphOrder()
    {
        using var session = TestRuntime.LoadFile(TestPaths.Model("add_mul.onnx"));

        Assert.Equal(["a", "b"], session.Signature.Inputs.Select(i => i.Name));
        Assert.Equal(["sum", "product"], session.Signature.Outputs.Select(o => o.Name));
        Assert.All(session.Signature.Inputs, i => Assert.Equal(new long[] { -1, 4 }, i.Shape));
    }

    [Fact]
    public void ApproximateSizeBytes_IsModelLengthTimesFactor()
    {
        var bytes = File.ReadAllBytes(TestPaths.Model("add_mul.onnx"));
        using var session = TestRuntime.Instance.Load(bytes);

        Assert.Equal((long)bytes.Length * OnnxModelSession.SizeFactor, session.ApproximateSizeBytes);
    }

    [Theory]
    [InlineData(GraphOptimizationLevel.None, 1, 1)]
    [InlineData(GraphOptimizationLevel.Basic, 2, 1)]
    [InlineData(GraphOptimizationLevel.Extended, 0, 2)]
    [InlineData(GraphOptimizationLevel.All, 0, 0)]
    public void Load_SessionOptions_AreAcceptedAndRunGivesSameResult(GraphOptimizationLevel level, int intra, int inter)
    {
        var options = new ModelLoadOptions { OptimizationLevel = level, IntraOpThreads = intra, InterOpThreads = inter };
        using var session = TestRuntime.Instance.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")), options);

        var results = session.Run(AddMulInputs(1f, 2f));

        Assert.Equal([3f, 3f, 3f, 3f], Assert.IsType<Tensor>(results[0].Value).As<float>());
    }

    [Fact]
    public void Load_NegativeThreads_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            TestRuntime.Instance.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")), new ModelLoadOptions { IntraOpThreads = -1 }));
    }

    [Fact]
    public void Load_CudaWhereUnavailable_FallsBackToCpu()
    {
        var options = new ModelLoadOptions { ExecutionProvider = ExecutionProvider.Cuda };
        using var session = TestRuntime.Instance.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")), options);

        var results = session.Run(AddMulInputs(2f, 5f));

        Assert.Equal([10f, 10f, 10f, 10f], Assert.IsType<Tensor>(results[1].Value).As<float>());
    }

    [Fact]
    public void Load_CudaRequiredWhereUnavailable_ThrowsModelLoadException()
    {
        // onnxruntime-node's library can host CUDA, but the provider library (shipped separately) is absent here.
        var providerLibrary = Path.Combine(Path.GetDirectoryName(TestRuntime.Instance.LibraryPath)!, "libonnxruntime_providers_cuda.so");
        Assert.False(File.Exists(providerLibrary), providerLibrary);
        var options = new ModelLoadOptions { ExecutionProvider = ExecutionProvider.Cuda, RequireExecutionProvider = true };

        var exception = Assert.Throws<ModelLoadException>(() => TestRuntime.Instance.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")), options));

        Assert.Contains("CUDA", exception.Message, StringComparison.Ordinal);
        Assert.Contains("required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOnnxRuntime_ResolvesOneRuntimeAsIModelRuntime()
    {
        var services = new ServiceCollection();
        services.AddOnnxRuntime(o => o.LibraryPath = TestRuntime.Instance.LibraryPath);
        using var provider = services.BuildServiceProvider();

        var runtime = provider.GetRequiredService<IModelRuntime>();

        Assert.IsType<OnnxModelRuntime>(runtime);
        Assert.Same(runtime, provider.GetRequiredService<IModelRuntime>());
        Assert.Equal("onnxruntime", runtime.Name);
        using var session = runtime.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")));
        Assert.Equal(2, session.Signature.Inputs.Count);
    }

    internal static NamedValue[] AddMulInputs(float a, float b) =>
    [
        new NamedValue("a", Tensor.Create(Enumerable.Repeat(a, 4).ToArray(), 1, 4)),
        new NamedValue("b", Tensor.Create(Enumerable.Repeat(b, 4).ToArray(), 1, 4)),
    ];
}
