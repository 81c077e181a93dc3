namespace ModelOps.Monitoring.Statistics;

/// <summary>The two-sided z-test for a difference of two proportions with a pooled variance (Evidently's "z" test).</summary>
public static class ProportionZTest
{
    /// <summary>
    /// Tests whether <paramref name="successes1"/>/<paramref name="n1"/> and <paramref name="successes2"/>/<paramref name="n2"/>
    /// differ: z = (p₁ − p₂) / √(P(1 − P)(1/n₁ + 1/n₂)) with the pooled P, p = 2(1 − Φ(|z|)). NaN when P is 0 or 1.
    /// </summary>
    public static TestResult Test(double successes1, double n1, double successes2, double n2)
    {
        var p1 = successes1 / n1;
        var p2 = successes2 / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        return new TestResult(z, 2 * SpecialFunctions.NormalSf(Math.Abs(z)));
    }
}
