namespace ModelOps.Audit;

/// <summary>One page of audit records, oldest first, and the token of the next page (null on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRecord> Records, string? ContinuationToken);
