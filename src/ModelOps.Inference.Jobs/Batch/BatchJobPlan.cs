namespace ModelOps.Inference.Jobs.Batch;

/// <summary>What the planning step found: the input files, their shards, and the prediction columns every output row has.</summary>
public sealed record BatchJobPlan
{
    public required IReadOnlyList<FilePlan> Files { get; init; }

    /// <summary>The prediction columns, in order (<c>label</c>, <c>probability_&lt;class&gt;</c>...).</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    public long Rows => Files.Sum(f => f.Rows);

    public int Shards => Files.Sum(f => f.Shards.Count);
}
