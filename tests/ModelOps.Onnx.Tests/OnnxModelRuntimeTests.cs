using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
        Assert.Equal("1.32.0", runtime.Version);
        Assert.Equal("onnxruntime_onnx", runtime.Platform);
        Assert.Contains("CPUExecutionProvider", runtime.AvailableProviders);
    }

    [Fact]
    public void Runtime_Created_LogsVersionAndProvidersWithItsEventId()
    {
        var logger = new ListLogger<OnnxModelRuntime>();

        _ = new OnnxModelRuntime(logger: logger);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(3500, entry.Id.Id);
        Assert.Contains("1.32.0", entry.Message, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", entry.Message, StringComparison.Ordinal);
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
    public void Load_CudaWhereUnavailable_ServesOnCpuAfterOneLogLine()
    {
        // No GPU and no CUDA libraries here: the provider cannot be added on either package.
        var logger = new ListLogger<OnnxModelRuntime>();
        var runtime = new OnnxModelRuntime(logger: logger);
        var options = new ModelLoadOptions { ExecutionProvider = ExecutionProvider.Cuda };
        var bytes = File.ReadAllBytes(TestPaths.Model("add_mul.onnx"));

        using var first = runtime.Load(bytes, options);
        using var second = runtime.Load(bytes, options);

        Assert.Equal([10f, 10f, 10f, 10f], Assert.IsType<Tensor>(first.Run(AddMulInputs(2f, 5f))[1].Value).As<float>());
        Assert.Equal([6f, 6f, 6f, 6f], Assert.IsType<Tensor>(second.Run(AddMulInputs(3f, 2f))[1].Value).As<float>());
        var fallback = Assert.Single(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal(3501, fallback.Id.Id);
        Assert.Contains("CUDA", fallback.Message, StringComparison.Ordinal);
        Assert.Contains("CPU", fallback.Message, StringComparison.Ordinal);
        // The CPU package says it has no CUDA; the GPU one (-p:ModelOpsGpu=true) names the CUDA library it could not load.
        Assert.True(
            fallback.Message.Contains("CUDA execution provider is not enabled in this build", StringComparison.Ordinal) ||
            fallback.Message.Contains("Failed to load library", StringComparison.Ordinal),
            fallback.Message);
    }

    [Fact]
    public void Load_CudaRequiredWhereUnavailable_ThrowsModelLoadException()
    {
        var options = new ModelLoadOptions { ExecutionProvider = ExecutionProvider.Cuda, RequireExecutionProvider = true };

        var exception = Assert.Throws<ModelLoadException>(() => TestRuntime.Instance.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")), options));

        Assert.Contains("CUDA", exception.Message, StringComparison.Ordinal);
        Assert.Contains("required", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CudaRequestedForGarbage_ReportsTheModelNotCuda()
    {
        var options = new ModelLoadOptions { ExecutionProvider = ExecutionProvider.Cuda };

        var exception = Assert.Throws<ModelLoadException>(() => new OnnxModelRuntime().Load(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }, options));

        Assert.StartsWith("ONNX Runtime could not load the model: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOnnxRuntime_ResolvesOneRuntimeAsIModelRuntime()
    {
        var services = new ServiceCollection();
        services.AddOnnxRuntime(o => o.LogSeverityLevel = 2);
        using var provider = services.BuildServiceProvider();

        var runtime = provider.GetRequiredService<IModelRuntime>();

        Assert.IsType<OnnxModelRuntime>(runtime);
        Assert.Same(runtime, provider.GetRequiredService<IModelRuntime>());
        Assert.Equal("onnxruntime", runtime.Name);
        using var session = runtime.Load(File.ReadAllBytes(TestPaths.Model("add_mul.onnx")));
        Assert.Equal(2, session.Signature.Inputs.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(5)]
    public void AddOnnxRuntime_LogSeverityOutOfRange_FailsValidationNamingIt(int level)
    {
        var services = new ServiceCollection();
        services.AddOnnxRuntime(o => o.LogSeverityLevel = level);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IModelRuntime>());

        Assert.Contains(nameof(OnnxRuntimeOptions.LogSeverityLevel), exception.Message, StringComparison.Ordinal);
    }

    internal static NamedValue[] AddMulInputs(float a, float b) =>
    [
        new NamedValue("a", Tensor.Create(Enumerable.Repeat(a, 4).ToArray(), 1, 4)),
        new NamedValue("b", Tensor.Create(Enumerable.Repeat(b, 4).ToArray(), 1, 4)),
    ];
}
