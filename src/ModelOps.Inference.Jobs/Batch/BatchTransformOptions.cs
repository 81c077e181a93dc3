using System.ComponentModel.DataAnnotations;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>Batch transform's limits (section <c>ModelOps:Inference:Batch</c>).</summary>
public sealed class BatchTransformOptions
{
    /// <summary>The most shards one job may have (each is an activity in the job's history); fewer rows per shard than that allows is refused. Default 2000.</summary>
    [Range(1, 100_000)]
    public int MaxShards { get; set; } = 2000;

    /// <summary>Rows a shard gives the model per run: bounds a shard's memory whatever its size. Default 4096.</summary>
    [Range(1, 1_000_000)]
    public int RowsPerRun { get; set; } = 4096;

    /// <summary>Output bytes a shard buffers before writing them as one part. Default 4 MiB.</summary>
    [Range(64 * 1024, 256 * 1024 * 1024)]
    public int PartBytes { get; set; } = 4 * 1024 * 1024;
}
