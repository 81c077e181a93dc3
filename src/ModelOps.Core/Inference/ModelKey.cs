namespace ModelOps.Inference;

/// <summary>A model version's identity in the cache.</summary>
public readonly record struct ModelKey(string Name, int Version);
