namespace ModelOps.Http.Security;

/// <summary>Endpoint metadata: the key a route demands. Routes without it are open (health probes).</summary>
public sealed record KeyRequirement(AccessLevel Level);
