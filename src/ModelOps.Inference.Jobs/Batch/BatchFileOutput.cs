namespace ModelOps.Inference.Jobs.Batch;

/// <summary>One file's outputs in the manifest.</summary>
public sealed record BatchFileOutput(string Input, string? Output, string Errors, long Rows, long ErrorRows);
