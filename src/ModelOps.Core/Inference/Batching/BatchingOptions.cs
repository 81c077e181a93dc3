using System.ComponentModel.DataAnnotations;

namespace ModelOps.Inference.Batching;

/// <summary>
/// Server-side batching, the host's defaults (section <c>ModelOps:Inference:Batching</c>); a model's serving settings
/// override each of them (<see cref="ServingSettings"/>). Only models whose inputs all have a dynamic first dimension
/// are batched (<see cref="BatchPlan"/>).
/// </summary>
public sealed class BatchingOptions
{
    /// <summary>Whether concurrent requests for one model version are run together. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The most rows one batched run takes; a request of this many rows or more runs alone. Default 64.</summary>
    [Range(1, BatchingSettings.MaxRows)]
    public int MaxBatchSize { get; set; } = 64;

    /// <summary>
    /// How long a queued request may wait for others to fill its batch, in microseconds. Default 0: no timer at all; a
    /// request that finds no run in flight runs at once, and those arriving during a run go together when it ends.
    /// </summary>
    [Range(0, BatchingSettings.MaxDelay)]
    public int MaxDelayMicroseconds { get; set; }
}
