using System.Text.Json.Serialization;

namespace ModelOps.Rollouts;

/// <summary>
/// Live numbers of one model version: requests answered, requests failed, and a latency histogram (bucket
/// <c>i</c> holds latencies up to <see cref="BucketBound"/>(i)). Cumulative counters subtract into the numbers of a period.
/// </summary>
public sealed record VersionCounters(string Model, int Version, long Requests, long Errors, IReadOnlyList<long> LatencyBuckets)
{
    /// <summary>Buckets grow by 20 % from 50 µs; the last (about 90 s) holds everything slower.</summary>
    public const int BucketCount = 80;

    private const double FirstBoundMs = 0.05;
    private const double Growth = 1.2;

    public static VersionCounters Empty(string model, int version) => new(model, version, 0, 0, new long[BucketCount]);

    /// <summary>Requests answered or failed.</summary>
    [JsonIgnore]
    public long Total => Requests + Errors;

    /// <summary>Failed share of all requests; 0 when there were none.</summary>
    [JsonIgnore]
    public double ErrorRate => Total == 0 ? 0 : (double)Errors / Total;

    /// <summary>The upper bound of bucket <paramref name="index"/>.</summary>
    public static TimeSpan BucketBound(int index) => TimeSpan.FromMilliseconds(FirstBoundMs * Math.Pow(Growth, index));

    /// <summary>The bucket a latency falls in.</summary>
    public static int BucketOf(TimeSpan latency)
    {
        var ms = latency.TotalMilliseconds;
        if (ms <= FirstBoundMs)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(Math.Log(ms / FirstBoundMs) / Math.Log(Growth));
        return Math.Clamp(index, 0, BucketCount - 1);
    }

    /// <summary>The latency at <paramref name="quantile"/> (e.g. 0.99), as its bucket's upper bound; null without data.</summary>
    public TimeSpan? Percentile(double quantile)
    {
        var count = LatencyBuckets.Sum();
        if (count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(quantile * count);
        long seen = 0;
        for (var i = 0; i < LatencyBuckets.Count; i++)
        {
            seen += LatencyBuckets[i];
            if (seen >= rank)
            {
                return BucketBound(i);
            }
        }

        return BucketBound(LatencyBuckets.Count - 1);
    }

    /// <summary>
    /// How many latencies lie in buckets wholly above <paramref name="limit"/> (a bucket that straddles it does not
    /// count): the requests certainly slower than the limit.
    /// </summary>
    public long CountSlowerThan(TimeSpan limit)
    {
        long slower = 0;
        for (var i = 1; i < LatencyBuckets.Count; i++)
        {
            if (BucketBound(i - 1) >= limit)
            {
                slower += LatencyBuckets[i];
            }
        }

        return slower;
    }

    /// <summary>These numbers less an earlier reading of the same counters: the numbers of the period between.</summary>
    public VersionCounters Since(VersionCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return Combine(earlier, -1);
    }

    /// <summary>The sum of two hosts' numbers.</summary>
    public VersionCounters Plus(VersionCounters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Combine(other, 1);
    }

    private VersionCounters Combine(VersionCounters other, int sign)
    {
        var buckets = new long[BucketCount];
        for (var i = 0; i < BucketCount; i++)
        {
            buckets[i] = At(LatencyBuckets, i) + (sign * At(other.LatencyBuckets, i));
        }

        return this with { Requests = Requests + (sign * other.Requests), Errors = Errors + (sign * other.Errors), LatencyBuckets = buckets };
    }

    private static long At(IReadOnlyList<long> buckets, int i) => i < buckets.Count ? buckets[i] : 0;
}
