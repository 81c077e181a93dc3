namespace ModelOps.Storage;

/// <summary>One action of an entity-group transaction; <see cref="IfMatch"/> applies to Replace, Merge and Delete.</summary>
public sealed record TableAction(TableActionKind Kind, TableEntity Entity, string? IfMatch = null);
