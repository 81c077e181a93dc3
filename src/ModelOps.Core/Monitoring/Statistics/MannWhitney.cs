namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// The Mann–Whitney U test (<c>scipy.stats.mannwhitneyu</c>, continuity correction on). The returned statistic is U₁,
/// the U of the first sample. The method follows scipy's choice: asymptotic (normal with tie correction) when both
/// samples have more than 8 values or there are ties, exact otherwise. One deviation: the exact distribution is
/// counted only while n₁·n₂ ≤ 10,000 (a table of that many counts per step); past that the asymptotic form is used.
/// </summary>
public static class MannWhitney
{
    private const long MaxExactProduct = 10_000;

    /// <summary>Tests <paramref name="x"/> against <paramref name="y"/>; <see cref="KsAlternative.Less"/> means x tends to be smaller.</summary>
    public static TestResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, KsAlternative alternative = KsAlternative.TwoSided)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        long n1 = x.Count, n2 = y.Count;
        if (n1 == 0 || n2 == 0)
        {
            throw new ArgumentException("Both samples need at least one value.", nameof(x));
        }

        // Average ranks of the pooled values, and the tie term Σ (t³ − t) over groups of equal values.
        var pooled = x.Select(v => (Value: v, First: true)).Concat(y.Select(v => (Value: v, First: false))).OrderBy(p => p.Value).ToArray();
        double rankSum1 = 0, tieTerm = 0;
        var start = 0;
        while (start < pooled.Length)
        {
            var end = start;
            while (end + 1 < pooled.Length && pooled[end + 1].Value == pooled[start].Value)
            {
                end++;
            }

            var rank = ((start + end) / 2.0) + 1;
            for (var k = start; k <= end; k++)
            {
                rankSum1 += pooled[k].First ? rank : 0;
            }

            double t = end - start + 1;
            tieTerm += (t * t * t) - t;
            start = end + 1;
        }

        var u1 = rankSum1 - (n1 * (n1 + 1) / 2.0);
        var u2 = (n1 * n2) - u1;
        var (u, factor) = alternative switch
        {
            KsAlternative.Greater => (u1, 1.0),
            KsAlternative.Less => (u2, 1.0),
            _ => (Math.Max(u1, u2), 2.0),
        };

        var exact = (n1 <= 8 || n2 <= 8) && tieTerm == 0 && n1 * n2 <= MaxExactProduct;
        double p;
        if (exact)
        {
            p = ExactSf((long)u, n1, n2);
        }
        else
        {
            double n = n1 + n2;
            var sigma = Math.Sqrt(n1 * n2 / 12.0 * ((n + 1) - (tieTerm / (n * (n - 1)))));
            var z = (u - (n1 * n2 / 2.0) - 0.5) / sigma;
            p = SpecialFunctions.NormalSf(z);
        }

        return new TestResult(u1, Math.Clamp(p * factor, 0, 1));
    }

    /// <summary>P(U ≥ u) under the null hypothesis without ties, by counting arrangements.</summary>
    private static double ExactSf(long u, long n1, long n2)
    {
        // An arrangement is the non-decreasing list r₁ ≤ … ≤ r_m (m = the smaller size) of how many values of the other
        // sample (size n) lie below each value of this one; U = Σ rᵢ. Count those lists by sum: parts[c][k] is the number
        // of multisets of c values from {1..v} summing to k, grown value by value (an unbounded knapsack); zeros fill the rest.
        var m = (int)Math.Min(n1, n2);
        var n = (int)Math.Max(n1, n2);
        var maxU = m * n;
        var parts = new double[m + 1][];
        for (var c = 0; c <= m; c++)
        {
            parts[c] = new double[maxU + 1];
        }

        parts[0][0] = 1;
        for (var v = 1; v <= n; v++)
        {
            for (var c = 1; c <= m; c++)
            {
                var fewer = parts[c - 1];
                var current = parts[c];
                for (var k = v; k <= maxU; k++)
                {
                    current[k] += fewer[k - v];
                }
            }
        }

        double total = 0, tail = 0;
        for (var k = 0; k <= maxU; k++)
        {
            double arrangements = 0;
            for (var c = 0; c <= m; c++)
            {
                arrangements += parts[c][k];
            }

            total += arrangements;
            tail += k >= u ? arrangements : 0;
        }

        return tail / total;
    }
}
