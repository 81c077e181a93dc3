namespace ModelOps.Retraining;

/// <summary>The version a run registered.</summary>
public sealed record RegisteredCandidate(int Version, string Sha256);
