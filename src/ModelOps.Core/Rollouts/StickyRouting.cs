namespace ModelOps.Rollouts;

/// <summary>Routes each request by a hash of the value of <paramref name="Header"/>, so one caller keeps seeing one version.</summary>
/// <param name="Header">The request header whose value is the caller's key; a request without it is routed at random.</param>
public sealed record StickyRouting(string Header);
