namespace ModelOps.Inference.Jobs.Batch;

/// <summary>What one shard wrote: its rows and errors and the keys of its output and error parts, in order.</summary>
public sealed record ShardResult
{
    public required int Index { get; init; }

    public required long Rows { get; init; }

    public required long Errors { get; init; }

    public required IReadOnlyList<string> OutputParts { get; init; }

    public required IReadOnlyList<string> ErrorParts { get; init; }
}
