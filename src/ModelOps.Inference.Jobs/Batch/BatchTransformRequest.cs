namespace ModelOps.Inference.Jobs.Batch;

/// <summary>The body of <c>POST /api/models/{model}/batch</c>.</summary>
public sealed record BatchTransformRequest
{
    /// <summary>The folder of input files, e.g. <c>batch-input/some/prefix/</c>.</summary>
    public string? Input { get; init; }

    /// <summary>The folder outputs go to, e.g. <c>batch-output/some/prefix/</c>.</summary>
    public string? Output { get; init; }

    /// <summary><c>csv</c> or <c>jsonl</c>.</summary>
    public string? Format { get; init; }

    /// <summary>The version to score with; the champion (fixed when the job starts) when null.</summary>
    public int? Version { get; init; }

    /// <summary>Whether output rows repeat their input columns before the predictions. Default false.</summary>
    public bool IncludeInput { get; init; }

    /// <summary>Rows per shard, the unit of work and of resumption. Default 100,000.</summary>
    public int MaxRowsPerShard { get; init; } = 100_000;

    /// <summary>The largest share of rows that may fail before the job fails. Default 0.01.</summary>
    public double MaxErrorRate { get; init; } = 0.01;
}
