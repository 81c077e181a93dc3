namespace ModelOps.Monitoring.Statistics;

/// <summary>Student's two-sample t-test with pooled variance (<c>scipy.stats.ttest_ind</c>, equal_var=True, two-sided).</summary>
public static class StudentT
{
    /// <summary>The test on two samples.</summary>
    public static TestResult Independent(IReadOnlyList<double> sample1, IReadOnlyList<double> sample2)
    {
        ArgumentNullException.ThrowIfNull(sample1);
        ArgumentNullException.ThrowIfNull(sample2);
        var (mean1, variance1) = Moments(sample1);
        var (mean2, variance2) = Moments(sample2);
        return FromMoments(sample1.Count, mean1, variance1, sample2.Count, mean2, variance2);
    }

    /// <summary>The test from counts, means and sample variances (divisor n − 1), so a stream's moments suffice.</summary>
    public static TestResult FromMoments(long n1, double mean1, double variance1, long n2, double mean2, double variance2)
    {
        if (n1 < 1 || n2 < 1 || n1 + n2 < 3)
        {
            throw new ArgumentException($"The t-test needs at least three values in all ({n1} and {n2}).", nameof(n1));
        }

        double dof = n1 + n2 - 2;
        var pooled = (((n1 - 1) * variance1) + ((n2 - 1) * variance2)) / dof;
        var t = (mean1 - mean2) / Math.Sqrt(pooled * ((1.0 / n1) + (1.0 / n2)));
        return new TestResult(t, SpecialFunctions.StudentTTwoSided(t, dof));
    }

    private static (double Mean, double Variance) Moments(IReadOnlyList<double> sample)
    {
        var mean = sample.Average();
        var squares = sample.Sum(v => (v - mean) * (v - mean));
        return (mean, squares / (sample.Count - 1));
    }
}
