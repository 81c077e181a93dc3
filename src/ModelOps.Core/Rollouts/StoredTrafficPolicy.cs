namespace ModelOps.Rollouts;

/// <summary>A model's traffic policy as stored, with its concurrency token.</summary>
public sealed record StoredTrafficPolicy(string Model, TrafficPolicy Policy, string ETag, DateTimeOffset ChangedAt);
