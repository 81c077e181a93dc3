namespace ModelOps.Inference.Jobs.Batch;

/// <summary>The input of one shard's scoring.</summary>
public sealed record ShardWork
{
    public required BatchTransformInput Job { get; init; }

    /// <summary>The file, without its other shards.</summary>
    public required FilePlan File { get; init; }

    public required ShardRange Shard { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }
}
