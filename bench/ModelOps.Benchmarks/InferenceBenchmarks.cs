using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using ModelOps.Onnx;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Benchmarks;

/// <summary>
/// Our <see cref="IModelSession.Run"/> (ModelOps.Onnx over Microsoft.ML.OnnxRuntime) on the models of
/// bench/inprocess/models, batch 1 and 64. bench/inprocess/run.sh compares the medians with the same benchmark built from
/// the former C-API binding and with onnxruntime-node's session.run on the same models. <see cref="OrtFloor"/> is the
/// floor: ORT's own API with the input and the output bound once to fixed buffers, so a call is RunWithBinding alone.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    /// <summary>
    /// One intra-op and one inter-op thread, as node-bench.js sets for onnxruntime-node: the comparison is about the
    /// binding's overhead, and ORT's spinning thread pool on a loaded two-core machine (and BenchmarkDotNet raising only
    /// the benchmark thread's priority) otherwise dominates the batch-64 runs.
    /// </summary>
    private static readonly ModelLoadOptions Options = new() { IntraOpThreads = 1, InterOpThreads = 1 };

    private IModelSession _session = null!;
    private NamedValue[] _inputs = null!;
    private InferenceSession _floorSession = null!;
    private SessionOptions _floorOptions = null!;
    private RunOptions _floorRunOptions = null!;
    private OrtIoBinding _floorBinding = null!;
    private OrtValue[] _floorValues = [];

    [Params("logreg", "mlp")]
    public string Model { get; set; } = "logreg";

    [Params(1, 64)]
    public int Batch { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        var features = Model == "logreg" ? 30 : 20;
        var path = Path.Combine(FindRepoRoot(), "bench", "inprocess", "models", Model + ".onnx");
        _session = new OnnxModelRuntime().Load(File.ReadAllBytes(path), Options);
        var data = Enumerable.Range(0, Batch * features).Select(i => ((i * 7919 % 1000) / 1000f) - 0.5f).ToArray();
        _inputs = [new NamedValue("x", Tensor.Create(data, Batch, features))];

        _floorOptions = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        _floorSession = new InferenceSession(File.ReadAllBytes(path), _floorOptions);
        _floorRunOptions = new RunOptions();
        var output = _floorSession.OutputNames[0];
        var outputShape = new long[] { Batch, _floorSession.OutputMetadata[output].Dimensions[1] };
        _floorValues =
        [
            OrtValue.CreateTensorValueFromMemory(data, [Batch, features]),
            OrtValue.CreateTensorValueFromMemory(new float[Batch * outputShape[1]], outputShape),
        ];
        _floorBinding = _floorSession.CreateIoBinding();
        _floorBinding.BindInput("x", _floorValues[0]);
        _floorBinding.BindOutput(output, _floorValues[1]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _session.Dispose();
        _floorBinding.Dispose();
        Array.ForEach(_floorValues, v => v.Dispose());
        _floorRunOptions.Dispose();
        _floorSession.Dispose();
        _floorOptions.Dispose();
    }

    [Benchmark]
    public IReadOnlyList<NamedValue> Run() => _session.Run(_inputs);

    [Benchmark]
    public void OrtFloor() => _floorSession.RunWithBinding(_floorRunOptions, _floorBinding);

    private static string FindRepoRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "functions.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("No functions.sln above the benchmark.");
    }
}
