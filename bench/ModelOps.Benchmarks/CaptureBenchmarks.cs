using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Settings;
using ModelOps.Registry;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Benchmarks;

/// <summary>
/// Traffic capture's cost per answered request (issue 12, item 1), for bench/capture/run.sh's request: the MLP's 20
/// float features in, 3 probabilities out, batch 1. <see cref="OnInferred"/> is what the request thread pays (the
/// share lookup and the buffer write); <see cref="CaptureAndWrite"/> is everything capture does for a request: the
/// request thread's part, then the writer taking it from the buffer, into columns and into a Parquet file (the store
/// discards the bytes, so storage's own cost is left out). Per request, with the allocations it makes.
/// </summary>
[MemoryDiagnoser]
public class CaptureBenchmarks
{
    private const int Requests = 4096;
    private InferenceRecord[] _records = [];
    private TrafficCapture _capture = null!;
    private TrafficCapture _full = null!;

    [GlobalSetup]
    public void Setup()
    {
        var version = new ModelVersion
        {
            Name = "bench",
            Version = 1,
            Sha256 = "00",
            Size = 1,
            Inputs = [ValueSpec.ForTensor("x", TensorElementType.Float32, -1, 20)],
            Outputs = [ValueSpec.ForTensor("probabilities", TensorElementType.Float32, -1, 3)],
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var time = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        _records = [.. Enumerable.Range(0, Requests).Select(i => new InferenceRecord(
            version,
            Guid.NewGuid().ToString(),
            time.AddMilliseconds(i),
            [new NamedValue("x", Tensor.Create(Enumerable.Range(0, 20).Select(c => (float)((i + c) % 17)).ToArray(), 1, 20))],
            [new NamedValue("probabilities", Tensor.Create(new[] { 0.2f, 0.3f, 0.5f }, 1, 3))],
            TimeSpan.FromMilliseconds(1)))];
        _capture = Create(new CaptureOptions { BufferCapacity = Requests, MaxRowsPerFile = Requests, FlushInterval = TimeSpan.FromHours(1) });
        _full = Create(new CaptureOptions { BufferCapacity = 1, FlushInterval = TimeSpan.FromHours(1) });
        _full.OnInferred(_records[0]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _capture.Dispose();
        _full.Dispose();
    }

    /// <summary>The request thread's part (on a full buffer, so it stays full: the same checks and write attempt).</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public void OnInferred()
    {
        foreach (var record in _records)
        {
            _full.OnInferred(record);
        }
    }

    /// <summary>Everything capture does per request: buffer, columns, one Parquet file of <see cref="Requests"/> rows.</summary>
    [Benchmark(OperationsPerInvoke = Requests)]
    public async Task CaptureAndWrite()
    {
        foreach (var record in _records)
        {
            _capture.OnInferred(record);
        }

        await _capture.FlushAsync();
    }

    private static TrafficCapture Create(CaptureOptions capture)
    {
        var options = Options.Create(new MonitoringOptions { Capture = capture });
        var settings = new MonitoringSettingsService(new NoSettings(), TimeProvider.System, options);
        return new TrafficCapture(new DiscardingStore(), settings, options, TimeProvider.System, NullLogger<TrafficCapture>.Instance);
    }

    private sealed class NoSettings : IMonitoringSettingsStore
    {
        public Task<StoredMonitoringSettings?> GetAsync(string model, CancellationToken cancellationToken = default) => Task.FromResult<StoredMonitoringSettings?>(null);

        public Task<StoredMonitoringSettings> PutAsync(string model, MonitoringSettings settings, string? ifMatch, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    private sealed class DiscardingStore : ICaptureStore
    {
        public Task WriteAsync(CaptureFile file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public IAsyncEnumerable<CaptureFile> ListAsync(string model, int version, DateTimeOffset hour, CancellationToken cancellationToken = default) =>
            AsyncEnumerable.Empty<CaptureFile>();

        public Task<byte[]?> ReadAsync(CaptureFile file, CancellationToken cancellationToken = default) => Task.FromResult<byte[]?>(null);
    }
}
