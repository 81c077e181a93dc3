using System.Diagnostics.Metrics;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Telemetry;

/// <summary>
/// Inference metrics as an <see cref="IInferenceObserver"/>: requests, errors, a latency histogram and batch sizes
/// (rows per request), each tagged with model and version.
/// </summary>
public sealed class InferenceMetrics : IInferenceObserver
{
    private static readonly Counter<long> Requests = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.inference.requests", "{request}", "Inference requests answered");
    private static readonly Counter<long> Errors = ModelOpsTelemetry.Meter.CreateCounter<long>("modelops.inference.errors", "{request}", "Inference requests that failed");
    private static readonly Histogram<double> Latency = ModelOpsTelemetry.Meter.CreateHistogram<double>(
        "modelops.inference.duration",
        "s",
        "Time to answer an inference request",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly Histogram<long> BatchSize = ModelOpsTelemetry.Meter.CreateHistogram<long>(
        "modelops.inference.batch_size",
        "{row}",
        "Rows per inference request",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    public void OnInferred(InferenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var tags = ModelOpsTelemetry.ModelTags(record.Version.Name, record.Version.Version);
        Requests.Add(1, tags);
        Latency.Record(record.Elapsed.TotalSeconds, tags);
        BatchSize.Record(Rows(record.Inputs), tags);
    }

    public void OnFailed(string model, int? version, Exception error, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(error);
        var tags = new System.Diagnostics.TagList { { "model", model }, { "version", version }, { "error", error.GetType().Name } };
        Errors.Add(1, tags);
    }

    private static long Rows(IReadOnlyList<NamedValue> inputs) =>
        inputs.Count > 0 && inputs[0].Value is Tensor { Shape.Length: > 0 } tensor ? tensor.Shape[0] : 1;
}
