using ModelOps.Rollouts;

namespace ModelOps.Core.Tests.Rollouts;

public sealed class VersionCountersTests
{
    [Fact]
    public void Percentile_HundredLatencies_P99IsTheBucketOfTheSlowOne()
    {
        var buckets = new long[VersionCounters.BucketCount];
        buckets[VersionCounters.BucketOf(TimeSpan.FromMilliseconds(1))] = 98;
        buckets[VersionCounters.BucketOf(TimeSpan.FromMilliseconds(100))] = 2;
        var counters = new VersionCounters("m", 1, 100, 0, buckets);

        var p99 = counters.Percentile(0.99)!.Value.TotalMilliseconds;

        Assert.InRange(p99, 100, 120);
    }

    [Fact]
    public void Since_EarlierReading_LeavesThePeriodsNumbers()
    {
        var before = new VersionCounters("m", 1, 10, 1, [5, 6]);
        var after = new VersionCounters("m", 1, 30, 4, [15, 22]);

        var period = after.Since(before);

        Assert.Equal(20, period.Requests);
        Assert.Equal(3, period.Errors);
        Assert.Equal(10, period.LatencyBuckets[0]);
        Assert.Equal(16, period.LatencyBuckets[1]);
        Assert.Equal(3 / 23.0, period.ErrorRate, 6);
    }

    [Fact]
    public void VersionTraffic_FailuresWithAVersion_CountAsErrorsOfIt()
    {
        var traffic = new VersionTraffic();

        traffic.OnFailed("m", 2, new InvalidOperationException(), TimeSpan.FromMilliseconds(3));
        traffic.OnFailed("m", null, new InvalidOperationException(), TimeSpan.FromMilliseconds(3));

        var only = Assert.Single(traffic.Snapshot());
        Assert.Equal((2, 1L, 0L), (only.Version, only.Errors, only.Requests));
    }
}
