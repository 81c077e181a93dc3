namespace ModelOps.Retraining;

/// <summary>The version a retraining run registered, and the SHA-256 of its model.</summary>
public sealed record RunRegistration(int Version, string Sha256);
