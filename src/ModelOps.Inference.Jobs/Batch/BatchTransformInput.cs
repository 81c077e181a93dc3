namespace ModelOps.Inference.Jobs.Batch;

/// <summary>What a batch job works on: fixed when it starts (the version is pinned then), so a resumed job does the same.</summary>
public sealed record BatchTransformInput
{
    public required string Model { get; init; }

    public required int Version { get; init; }

    /// <summary>The input folder as <c>container/path/</c>.</summary>
    public required string Input { get; init; }

    /// <summary>The output folder as <c>container/path/</c>.</summary>
    public required string Output { get; init; }

    public required string Format { get; init; }

    public bool IncludeInput { get; init; }

    public required int MaxRowsPerShard { get; init; }

    public required double MaxErrorRate { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
}
