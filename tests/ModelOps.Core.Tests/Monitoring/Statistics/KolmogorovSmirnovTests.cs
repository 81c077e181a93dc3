using ModelOps.Core.Tests.Monitoring.Reference;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Statistics;

/// <summary>
/// The parts of ks_2samp the scipy reference file does not reach: the one-sample distributions behind the asymptotic
/// p-values, over every region of scipy's algorithm choice. Expected numbers from scipy 1.10.1 (Debian's python3-scipy).
/// </summary>
public sealed class KolmogorovSmirnovTests
{
    [Theory]
    [InlineData(5, 0.15, 0.9988)]
    [InlineData(5, 0.3, 0.664)]
    [InlineData(10, 0.05, 1.0)]
    [InlineData(10, 0.25, 0.4841115325000003)]
    [InlineData(10, 0.6, 0.0005681672000000003)]
    [InlineData(50, 0.1, 0.6623112704658186)]
    [InlineData(100, 0.05, 0.9532159710635725)]
    [InlineData(100, 0.15, 0.019839242125643017)]
    [InlineData(140, 0.2, 2.1981563302200222e-05)]
    [InlineData(141, 0.02, 0.9999999744561288)]
    [InlineData(500, 0.03, 0.7473166700457021)]
    [InlineData(1000, 0.02, 0.8108971656895577)]
    [InlineData(1000, 0.05, 0.013012074781090332)]
    [InlineData(1000, 0.08, 5.154189384789824e-06)]
    [InlineData(1000, 0.2, 1.5528629204250538e-35)]
    [InlineData(5000, 0.01, 0.6954557253913853)]
    [InlineData(20000, 0.005, 0.6974088406327613)]
    [InlineData(200000, 0.002, 0.39995085369038097)]
    [InlineData(200000, 0.004, 0.003314212822560255)]
    [InlineData(3, 0.9, 0.0019999999999999987)]
    [InlineData(7, 0.95, 1.5625000000000096e-09)]
    public void TwoSidedSf_ScipyKstwo_Agrees(long n, double x, double expected)
    {
        Assert.Equal(expected, KolmogorovDistribution.TwoSidedSf(n, x), 1e-9);
    }

    [Theory]
    [InlineData(10, 0.1, 0.7642052309)]
    [InlineData(10, 0.5, 0.003888705)]
    [InlineData(100, 0.1, 0.1265906584562817)]
    [InlineData(1000, 0.03, 0.16203171395455085)]
    [InlineData(1000, 0.2, 7.764314602125269e-36)]
    [InlineData(5000, 0.05, 1.3261526164355594e-11)]
    public void OneSidedSf_ScipySmirnov_Agrees(long n, double x, double expected)
    {
        Assert.Equal(expected, KolmogorovDistribution.OneSidedSf(n, x), 1e-9);
    }

    [Theory]
    [InlineData(KsAlternative.TwoSided, 0.04966666666666675, 0.04778242776885577)]
    [InlineData(KsAlternative.Less, 0.006833333333333358, 0.9278530180665319)]
    [InlineData(KsAlternative.Greater, 0.04966666666666675, 0.023864883212184003)]
    public void TwoSample_MoreThanTenThousandValues_AsymptoticAsScipy(KsAlternative alternative, double statistic, double pValue)
    {
        var x1 = DriftReferenceFile.Linspace(0, 1, 12_000);
        var x2 = DriftReferenceFile.Linspace(0.02, 1.05, 800).Select(v => Math.Pow(v, 1.1)).ToArray();

        var result = KolmogorovSmirnov.TwoSample(x1, x2, alternative);

        Assert.Equal(KsMethod.Asymptotic, result.Method);
        Assert.Equal(statistic, result.Statistic, 1e-12);
        Assert.Equal(pValue, result.PValue, 1e-9);
    }

    [Fact]
    public void TwoSample_TenThousandOrFewer_Exact()
    {
        var result = KolmogorovSmirnov.TwoSample(DriftReferenceFile.Linspace(0, 1, 10_000), DriftReferenceFile.Linspace(0.1, 1, 50));

        Assert.Equal(KsMethod.Exact, result.Method);
    }

    [Fact]
    public void TwoSample_NaN_Throws()
    {
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.TwoSample([1, double.NaN], [1, 2]));
    }
}
