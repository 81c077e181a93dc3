namespace ModelOps.Retraining;

/// <summary>The version a run registered.</summary>
public sealed record RegisteredCandidate(int Version, string Sha256, Registry.ApprovalStatus ApprovalStatus = Registry.ApprovalStatus.Approved);
