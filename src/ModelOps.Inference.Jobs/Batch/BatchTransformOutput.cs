namespace ModelOps.Inference.Jobs.Batch;

/// <summary>A batch job's <c>_manifest.json</c> and the run's output.</summary>
public sealed record BatchTransformOutput
{
    public required string RunId { get; init; }

    public required string Model { get; init; }

    public required int Version { get; init; }

    public required string Format { get; init; }

    public required string Input { get; init; }

    public required string Output { get; init; }

    /// <summary><c>Succeeded</c>, or <c>Failed</c> when more rows failed than the job allows (no <c>.out</c> files then).</summary>
    public required string Status { get; init; }

    public string? Error { get; init; }

    public required IReadOnlyList<BatchFileOutput> Files { get; init; }

    public required long Rows { get; init; }

    public required long Errors { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }
}
