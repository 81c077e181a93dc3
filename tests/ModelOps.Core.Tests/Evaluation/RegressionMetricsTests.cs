using ModelOps.Evaluation;

namespace ModelOps.Core.Tests.Evaluation;

/// <summary>Expected numbers from scikit-learn 1.2.1 via <c>sklearn_reference.py</c>.</summary>
public sealed class RegressionMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Compute_SmallSample_MatchesScikitLearn()
    {
        var metrics = RegressionMetrics.Compute([3.0, -0.5, 2.0, 7.0, 4.2, 1.1], [2.5, 0.0, 2.0, 8.0, 3.9, 1.5]);

        Assert.Equal(0.5400617248673217, metrics[MetricNames.Rmse], Tolerance);
        Assert.Equal(0.45, metrics[MetricNames.Mae], Tolerance);
        Assert.Equal(0.9486200822078684, metrics[MetricNames.R2], Tolerance);
    }

    [Fact]
    public void Compute_ConstantActualImperfectPrediction_R2Zero()
    {
        var metrics = RegressionMetrics.Compute([2.0, 2.0, 2.0], [2.0, 2.5, 1.0]);

        Assert.Equal(0.6454972243679028, metrics[MetricNames.Rmse], Tolerance);
        Assert.Equal(0.5, metrics[MetricNames.Mae], Tolerance);
        Assert.Equal(0.0, metrics[MetricNames.R2]);
    }

    [Fact]
    public void Compute_PerfectPrediction_ZeroErrorR2One()
    {
        var metrics = RegressionMetrics.Compute([1.0, 2.0, 4.0], [1.0, 2.0, 4.0]);

        Assert.Equal(0.0, metrics[MetricNames.Rmse]);
        Assert.Equal(0.0, metrics[MetricNames.Mae]);
        Assert.Equal(1.0, metrics[MetricNames.R2]);
    }

    [Fact]
    public void Compute_LengthMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, 2.0], [1.0]));
    }

    [Fact]
    public void Compute_NonFiniteValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.Compute([1.0, double.NaN], [1.0, 2.0]));
    }
}
