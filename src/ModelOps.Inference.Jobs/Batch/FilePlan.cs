namespace ModelOps.Inference.Jobs.Batch;

/// <summary>One input file of a job, split into shards.</summary>
public sealed record FilePlan
{
    /// <summary>The file's path below the input folder; its outputs are this name plus <c>.out</c> and <c>.errors.jsonl</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The file as <c>container/path</c>.</summary>
    public required string Path { get; init; }

    public required string ETag { get; init; }

    public required long Size { get; init; }

    /// <summary>The CSV header's column names (null for JSON lines).</summary>
    public IReadOnlyList<string>? Header { get; init; }

    /// <summary>The CSV field separator.</summary>
    public char Separator { get; init; } = ',';

    public required long Rows { get; init; }

    public required IReadOnlyList<ShardRange> Shards { get; init; }
}
