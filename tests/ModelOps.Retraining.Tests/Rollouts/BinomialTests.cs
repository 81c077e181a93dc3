using ModelOps.Rollouts;

namespace ModelOps.Retraining.Tests.Rollouts;

public sealed class BinomialTests
{
    /// <summary>References: scipy.stats.binom.sf(k - 1, n, p).</summary>
    [Theory]
    [InlineData(271, 3, 0.01, 0.509693767881513)]
    [InlineData(271, 10, 0.01, 0.00047137769727773266)]
    [InlineData(100, 100, 0.01, 1.000000000000002e-200)]
    [InlineData(1_000_000, 10_500, 0.01, 3.15856587924741e-07)]
    [InlineData(50, 1, 0.01, 0.3949939328624634)]
    [InlineData(20, 0, 0.3, 1.0)]
    [InlineData(10, 3, 0.5, 0.9453125)]
    public void UpperTail_MatchesScipy(long n, long k, double p, double expected) =>
        Assert.Equal(expected, Binomial.UpperTail(n, k, p), expected * 1e-9);

    [Fact]
    public void UpperTail_MoreThanN_Zero() => Assert.Equal(0, Binomial.UpperTail(10, 11, 0.5));
}
