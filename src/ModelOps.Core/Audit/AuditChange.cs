namespace ModelOps.Audit;

/// <summary>
/// A change a domain service made, in its own words (<c>version.registered</c>, <c>version.patched</c>,
/// <c>alias.set</c>, <c>alias.deleted</c>, <c>training.configured</c>, <c>run.started</c>, <c>access.assigned</c>, ...),
/// with the fields it changed.
/// </summary>
public sealed record AuditChange(string Action, string? Model, string Resource, IReadOnlyList<FieldChange> Fields);
