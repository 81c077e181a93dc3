namespace ModelOps.Rollouts;

/// <summary>
/// How a model's unpinned requests are shared among its versions: <see cref="Weights"/> (percent per version, summing
/// to 100), optional stickiness (one caller keeps one version) and an optional mirror (a share of requests copied to
/// another version whose answers are recorded, never returned).
/// </summary>
/// <param name="Weights">Percent of requests per version; the values sum to 100.</param>
/// <param name="Sticky">Routes by a hash of a request header instead of at random; null for random routing.</param>
/// <param name="Mirror">A version that receives a copy of a share of the requests; null for none.</param>
public sealed record TrafficPolicy(
    IReadOnlyDictionary<int, int> Weights,
    StickyRouting? Sticky = null,
    TrafficMirror? Mirror = null)
{
    /// <summary>All requests to one version.</summary>
    public static TrafficPolicy Single(int version) => new(new Dictionary<int, int> { [version] = 100 });

    /// <summary>Every version the policy names (weighted or mirrored).</summary>
    public IEnumerable<int> Versions => Mirror is { } mirror ? Weights.Keys.Append(mirror.Version).Distinct() : Weights.Keys;
}
