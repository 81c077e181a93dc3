namespace ModelOps.Http.Endpoints;

/// <summary>Endpoint metadata choosing the body limit of a route.</summary>
public sealed record BodyLimit(BodyLimitKind Kind);
