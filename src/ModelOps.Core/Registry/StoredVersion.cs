namespace ModelOps.Registry;

/// <summary>A version's record as the registry store holds it: the version and whether it is ready to serve.</summary>
public sealed record StoredVersion(ModelVersion Version, VersionState State);
