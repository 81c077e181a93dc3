using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Statistics;

/// <summary>The exact branch of the Mann–Whitney test (small samples without ties); scipy 1.10.1 numbers.</summary>
public sealed class MannWhitneyTests
{
    [Theory]
    [InlineData(KsAlternative.TwoSided, 0.20202020202020204)]
    [InlineData(KsAlternative.Less, 0.10101010101010102)]
    [InlineData(KsAlternative.Greater, 0.9255050505050504)]
    public void Test_SmallSamplesWithoutTies_ExactAsScipy(KsAlternative alternative, double expected)
    {
        double[] x = [1.1, 2.3, 0.4, 5.6, 3.3];
        double[] y = [2.2, 4.4, 6.1, 7.9, 0.3, 9.2, 8.8];

        var result = MannWhitney.Test(x, y, alternative);

        Assert.Equal(expected, result.PValue, 1e-12);
        Assert.Equal(9, result.Statistic);
    }
}
