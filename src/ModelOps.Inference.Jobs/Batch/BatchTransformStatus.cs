namespace ModelOps.Inference.Jobs.Batch;

/// <summary>The custom status of a batch job: its stage, shards done of total, rows scored and rows that failed so far.</summary>
public sealed record BatchTransformStatus(string Stage, int ShardsDone, int ShardsTotal, long RowsScored, long Errors, string? Error = null);
