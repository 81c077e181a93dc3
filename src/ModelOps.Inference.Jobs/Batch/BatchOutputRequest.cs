namespace ModelOps.Inference.Jobs.Batch;

/// <summary>The input of the step that composes a job's outputs and writes its manifest.</summary>
public sealed record BatchOutputRequest
{
    public required BatchTransformInput Job { get; init; }

    public required BatchJobPlan Plan { get; init; }

    /// <summary>Every shard's result, in shard order.</summary>
    public required IReadOnlyList<ShardResult> Results { get; init; }

    /// <summary>Why the job failed after scoring (too many bad rows): then only the error files and the manifest are written.</summary>
    public string? Failure { get; init; }

    /// <summary>When scoring ended (the orchestration's clock).</summary>
    public required DateTimeOffset End { get; init; }
}
