using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ModelOps.Telemetry;

/// <summary>
/// The ActivitySource and Meter of ModelOps, both named <c>ModelOps</c> (System.Diagnostics only: exporters are the
/// hosts' concern). Spans: workflow activities and monitoring checks. Instruments: see <see cref="InferenceMetrics"/>
/// and the model cache's loads and hits.
/// </summary>
public static class ModelOpsTelemetry
{
    public const string Name = "ModelOps";

    public static ActivitySource ActivitySource { get; } = new(Name);

    public static Meter Meter { get; } = new(Name);

    /// <summary>Models loaded into the cache, by model and version.</summary>
    public static Counter<long> ModelLoads { get; } = Meter.CreateCounter<long>("modelops.model.loads", "{load}", "Model versions loaded into the cache");

    /// <summary>Requests that found their model version loaded already, by model and version.</summary>
    public static Counter<long> CacheHits { get; } = Meter.CreateCounter<long>("modelops.model.cache_hits", "{hit}", "Requests served by a model version already loaded");

    /// <summary>
    /// Rows per model run of a batching session (server-side batching, issue 10), by model and version: a request run
    /// on its own records its rows, a batch the rows of all its requests.
    /// </summary>
    public static Histogram<long> BatchedRows { get; } = Meter.CreateHistogram<long>(
        "modelops.inference.batched_rows",
        "{row}",
        "Rows per model run of a batching session",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    public static TagList ModelTags(string model, int version) => new()
    {
        { "model", model },
        { "version", version },
    };
}
