namespace ModelOps.Audit;

/// <summary>Which audit records to read: all bounds optional; <see cref="Actor"/> matches an actor's id or name.</summary>
public sealed record AuditQuery(string? Model, string? Actor, DateTimeOffset? From, DateTimeOffset? To);
