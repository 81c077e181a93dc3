namespace ModelOps.Registry;

/// <summary>An alias and the version it points at, with the alias record's ETag.</summary>
public sealed record AliasAssignment(string Model, string Alias, int Version, string ETag);
