using System.Text;

namespace ModelOps.Rollouts;

/// <summary>
/// The routing math: a bucket in [0, 100) picks the version whose cumulative weight range holds it (versions in
/// ascending order). A sticky key gives a stable bucket (FNV-1a of its UTF-8 bytes, the same on every host); otherwise
/// the bucket is random. The mirror is drawn independently so it never changes which version answers.
/// </summary>
public static class TrafficRouting
{
    /// <summary>Decides for one request.</summary>
    /// <param name="policy">The model's policy.</param>
    /// <param name="header">Reads a request header by name; null when the request has none (not HTTP).</param>
    /// <param name="random">The source of random buckets.</param>
    public static RoutingDecision Decide(TrafficPolicy policy, Func<string, string?>? header, Random random) => Decide(policy, header, null, random);

    /// <summary>Decides for one request whose inputs are known too (sticky by an input's value).</summary>
    /// <param name="policy">The model's policy.</param>
    /// <param name="header">Reads a request header by name; null when the request has none (not HTTP).</param>
    /// <param name="input">Reads the first value of a request input by name, as invariant text; null when unknown.</param>
    /// <param name="random">The source of random buckets.</param>
    public static RoutingDecision Decide(TrafficPolicy policy, Func<string, string?>? header, Func<string, string?>? input, Random random)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(random);
        var key = policy.Sticky switch
        {
            { Header: { } name } => header?.Invoke(name),
            { Input: { } name } => input?.Invoke(name),
            _ => null,
        };
        var bucket = string.IsNullOrEmpty(key) ? random.Next(100) : StickyBucket(key);
        var mirror = policy.Mirror is { Percent: > 0 } m && random.Next(100) < m.Percent ? m.Version : (int?)null;
        return new RoutingDecision(Pick(policy.Weights, bucket), mirror);
    }

    /// <summary>The version whose share holds <paramref name="bucket"/> (0-99), versions taken in ascending order.</summary>
    public static int Pick(IReadOnlyDictionary<int, int> weights, int bucket)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var cumulative = 0;
        var last = 0;
        foreach (var (version, weight) in weights.OrderBy(w => w.Key))
        {
            if (weight <= 0)
            {
                continue;
            }

            cumulative += weight;
            last = version;
            if (bucket < cumulative)
            {
                return version;
            }
        }

        return last;
    }

    /// <summary>The stable bucket (0-99) of a sticky key.</summary>
    public static int StickyBucket(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        const ulong offset = 14695981039346656037;
        const ulong prime = 1099511628211;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % 100);
    }
}
