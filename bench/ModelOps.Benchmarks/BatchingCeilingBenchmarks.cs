using BenchmarkDotNet.Attributes;
using ModelOps.Onnx;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Benchmarks;

/// <summary>
/// The ceiling of server-side batching (bench/batching): one <see cref="IModelSession.Run"/> of the batching benchmark's
/// MLP 256->1024->1024->10 (bench/batching/make_model.py, path in BATCHING_MODEL) at 1 and 64 rows, with one intra-op
/// thread and with ORT's default (one per core). Per-row cost at 64 against the cost of one row says how much work
/// batching can save before the HTTP path's own cost counts.
/// </summary>
[MemoryDiagnoser]
public class BatchingCeilingBenchmarks
{
    private IModelSession _session = null!;
    private NamedValue[] _inputs = null!;

    [Params(1, 64)]
    public int Batch { get; set; } = 1;

    /// <summary>0: ORT's default.</summary>
    [Params(1, 0)]
    public int IntraOpThreads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("BATCHING_MODEL")
            ?? throw new InvalidOperationException("Set BATCHING_MODEL to the model bench/batching/make_model.py writes.");
        _session = new OnnxModelRuntime().Load(File.ReadAllBytes(path), new ModelLoadOptions { IntraOpThreads = IntraOpThreads });
        var data = Enumerable.Range(0, Batch * 256).Select(i => ((i * 7 % 23) / 23f) - 0.5f).ToArray();
        _inputs = [new NamedValue("x", Tensor.Create(data, Batch, 256))];
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Dispose();

    [Benchmark]
    public IReadOnlyList<NamedValue> Run() => _session.Run(_inputs);
}
