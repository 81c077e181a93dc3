namespace ModelOps.Inference.Jobs.Batch;

/// <summary>A run of consecutive rows of one file: the bytes that hold them and where they start.</summary>
/// <param name="Index">The shard's number within the job (names its output parts).</param>
/// <param name="Start">The byte offset of its first record.</param>
/// <param name="End">The byte offset just past its last record.</param>
/// <param name="FirstLine">The line number at <paramref name="Start"/>.</param>
/// <param name="Rows">How many rows it holds.</param>
public sealed record ShardRange(int Index, long Start, long End, long FirstLine, long Rows);
