namespace ModelOps.Rollouts;

/// <summary>Which version answers a request, and which version (if any) gets a mirrored copy of it.</summary>
/// <param name="Version">The version that answers; null when the model has no traffic policy (the champion answers).</param>
/// <param name="Mirror">The version that gets a copy; null for none.</param>
public readonly record struct RoutingDecision(int? Version, int? Mirror)
{
    public static RoutingDecision Champion => default;
}
