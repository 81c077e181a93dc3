using BenchmarkDotNet.Attributes;
using ModelOps.Onnx;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Benchmarks;

/// <summary>
/// Our <see cref="IModelSession.Run"/> over the C API binding, on the models of bench/inprocess/models, batch 1 and 64.
/// bench/inprocess/run.sh compares the medians with onnxruntime-node's session.run on the same models and library.
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
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark]
    public IReadOnlyList<NamedValue> Run() => _session.Run(_inputs);

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
