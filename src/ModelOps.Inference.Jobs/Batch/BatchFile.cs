namespace ModelOps.Inference.Jobs.Batch;

/// <summary>An input file of a batch job.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Size">Its length in bytes.</param>
/// <param name="ETag">Its version when listed; reads ask for this version, so a file replaced mid-job fails the job.</param>
public sealed record BatchFile(BlobPath Path, long Size, string ETag);
