using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Sketches;
using ModelOps.Monitoring.Statistics;
using Xunit.Abstractions;

namespace ModelOps.Core.Tests.Monitoring.Drift;

/// <summary>
/// The documented error of sketch-based statistics (README, "Exact or sketched"): with KLL k = 200 each side's CDF is
/// off by at most ε ≈ 1.65% (99% confidence), so a sketched KS statistic is within ε_ref + ε_cur of the exact one, a
/// sketched Wasserstein distance within (ε_ref + ε_cur) × the pooled range, and each histogram share within 2ε.
/// </summary>
public sealed class SketchedDriftAccuracyTests(ITestOutputHelper output)
{
    private const double Epsilon = 0.0165;
    private static readonly SketchOptions Sketched = new() { ExactCap = 100 };

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    [InlineData(0.3)]
    public void Ks_BothSidesSketched_WithinSummedRankError(double shift)
    {
        var reference = Normal(1, 200_000, 0);
        var current = Normal(2, 100_000, shift);

        var result = ColumnDriftCalculator.Compute(DriftMethod.Ks, 0.05, ProfileBuilder.Numeric(reference, Sketched), ProfileBuilder.Numeric(current, Sketched));
        var exact = KolmogorovSmirnov.TwoSample(reference, current);

        output.WriteLine($"shift {shift}: sketched D {result.Statistic:G6}, exact D {exact.Statistic:G6}");
        Assert.True(result.Approximate);
        Assert.InRange(Math.Abs(result.Statistic!.Value - exact.Statistic), 0, 2 * Epsilon);
    }

    [Fact]
    public void Ks_ExactReferenceLargeSketchedWindow_ExactAsScipy()
    {
        var reference = Normal(3, 800, 0).Select(v => Math.Round(v, 2)).ToArray();
        var current = Normal(4, 150_000, 0.1);
        var referenceProfile = ProfileBuilder.Numeric(reference);
        var anchors = referenceProfile.Numeric!.Values!.Select(v => v.Value).ToArray();

        var result = ColumnDriftCalculator.Compute(DriftMethod.Ks, 0.05, referenceProfile, ProfileBuilder.Numeric(current, Sketched, anchors));
        var exact = KolmogorovSmirnov.TwoSample(reference, current);

        Assert.False(result.Approximate);
        Assert.Equal(exact.Statistic, result.Statistic);
        Assert.Equal(exact.PValue, result.PValue);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Wasserstein_BothSidesSketched_WithinRankErrorTimesRange(double shift)
    {
        var reference = Normal(5, 200_000, 0);
        var current = Normal(6, 100_000, shift);
        var std = Math.Sqrt(reference.Select(v => v * v).Average() - Math.Pow(reference.Average(), 2));

        var result = ColumnDriftCalculator.Compute(DriftMethod.Wasserstein, 0.1, ProfileBuilder.Numeric(reference, Sketched), ProfileBuilder.Numeric(current, Sketched));
        var exact = SampleDistance.Wasserstein(reference, current) / std;

        var range = Math.Max(reference.Max(), current.Max()) - Math.Min(reference.Min(), current.Min());
        output.WriteLine($"shift {shift}: sketched {result.Statistic:G6}, exact {exact:G6}, bound {2 * Epsilon * range / std:G3}");
        Assert.InRange(Math.Abs(result.Statistic!.Value - exact), 0, 2 * Epsilon * range / std);
        Assert.InRange(Math.Abs(result.Statistic!.Value - exact), 0, 0.02);
    }

    [Fact]
    public void PsiBins_BothSidesSketched_EachShareWithinTwiceTheRankError()
    {
        var reference = Normal(7, 200_000, 0);
        var current = Normal(8, 100_000, 0.2);
        var exactReference = ProfileBuilder.Numeric(reference);
        var exactCurrent = ProfileBuilder.Numeric(current, new SketchOptions { ExactCap = 1_000_000 });

        var sketched = EvidentlyBinning.Shares(ProfileBuilder.Numeric(reference, Sketched), ProfileBuilder.Numeric(current, Sketched), fillZeroes: false)!.Value;
        var exact = EvidentlyBinning.Shares(exactReference with { Numeric = exactReference.Numeric! with { Values = Values(reference) } }, exactCurrent, fillZeroes: false)!.Value;

        Assert.True(sketched.Approximate);
        Assert.False(exact.Approximate);
        Assert.Equal(exact.Reference.Length, sketched.Reference.Length);
        for (var i = 0; i < exact.Reference.Length; i++)
        {
            Assert.InRange(Math.Abs(sketched.Reference[i] - exact.Reference[i]), 0, 2 * Epsilon);
            Assert.InRange(Math.Abs(sketched.Current[i] - exact.Current[i]), 0, 2 * Epsilon);
        }
    }

    private static ModelOps.Monitoring.Profiles.ValueCount[] Values(double[] values) =>
        values.GroupBy(v => v).OrderBy(g => g.Key).Select(g => new ModelOps.Monitoring.Profiles.ValueCount(g.Key, g.LongCount())).ToArray();

    private static double[] Normal(int seed, int n, double mean)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n)
            .Select(_ => mean + (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))
            .ToArray();
    }
}
