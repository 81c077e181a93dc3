namespace ModelOps.Audit;

/// <summary>One small field before and after a change (values as text, cut to <see cref="AuditFields.MaxValueLength"/>).</summary>
public sealed record FieldChange(string Field, string? Before, string? After);
