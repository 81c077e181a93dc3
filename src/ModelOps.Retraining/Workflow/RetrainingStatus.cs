namespace ModelOps.Retraining;

/// <summary>The custom status of a retraining run: the step it is at, and the one that failed.</summary>
public sealed record RetrainingStatus(string Step, string? FailedStep = null, string? Error = null);
