using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelOps.Inference.Batching;
using ModelOps.Runtime;

namespace ModelOps.Inference;

/// <summary>How the inference service caches and runs models.</summary>
public sealed class InferenceOptions
{
    /// <summary>Loaded models are evicted, least recently used first, once their sizes add up to more than this. Default 2 GiB.</summary>
    [Range(1L, long.MaxValue)]
    public long CacheBudgetBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long an alias (e.g. champion) stays resolved before the registry is asked again. Default 2 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan AliasCacheDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Run each newly loaded version once on synthetic inputs before it answers, so the first caller does not pay for lazy initialisation.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Session options for every model the service loads.</summary>
    public ModelLoadOptions Session { get; set; } = ModelLoadOptions.Default;

    /// <summary>Server-side batching defaults (section <c>ModelOps:Inference:Batching</c>); each model may override them.</summary>
    [ValidateObjectMembers]
    public BatchingOptions Batching { get; set; } = new();
}
