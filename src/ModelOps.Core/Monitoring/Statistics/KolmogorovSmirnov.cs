namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// The two-sample Kolmogorov–Smirnov test, computed as <c>scipy.stats.ks_2samp</c> computes it (statistic and p-value
/// agree with scipy to 1e-6 on scipy's own test cases):
/// <list type="bullet">
/// <item>The statistic is taken over the empirical CDFs at every observed value (ties handled by counting values ≤ x).</item>
/// <item><see cref="KsMethod.Auto"/> is exact when max(n₁, n₂) ≤ 10,000 and asymptotic otherwise. Exact two-sided
/// p-values use the "outside the square" series for n₁ = n₂ and Hodges' inside method (in its 1 − p form) otherwise;
/// exact one-sided ones count the lattice paths that cross the diagonal. When an exact computation overflows it falls
/// back to the asymptotic one, as scipy does.</item>
/// <item>Asymptotic two-sided p-values are the exact one-sample distribution <c>kstwo.sf(D, round(n₁n₂/(n₁+n₂)))</c>;
/// one-sided ones use Hodges' formula exp(−2z² − 2z(m + 2n)/√(mn(m+n))/3) with z = D√(mn/(m+n)), m ≥ n.</item>
/// </list>
/// </summary>
public static class KolmogorovSmirnov
{
    /// <summary>The largest sample size for which <see cref="KsMethod.Auto"/> computes an exact p-value (scipy's MAX_AUTO_N).</summary>
    public const int MaxExactSize = 10_000;

    /// <summary>Tests whether <paramref name="sample1"/> and <paramref name="sample2"/> come from the same distribution.</summary>
    /// <param name="sample1">Non-empty, no NaN.</param>
    /// <param name="sample2">Non-empty, no NaN.</param>
    /// <param name="alternative">The alternative hypothesis (default two-sided).</param>
    /// <param name="method">How the p-value is computed (default as scipy's 'auto').</param>
    public static KsResult TwoSample(
        IReadOnlyList<double> sample1,
        IReadOnlyList<double> sample2,
        KsAlternative alternative = KsAlternative.TwoSided,
        KsMethod method = KsMethod.Auto)
    {
        var first = Sorted(sample1, nameof(sample1));
        var second = Sorted(sample2, nameof(sample2));
        var (max, min) = EcdfDifferences(first, null, second, null);
        return Test(max, min, first.Length, second.Length, alternative, method);
    }

    /// <summary>
    /// The largest F₁ − F₂ and the largest F₂ − F₁ (clipped at 0) over the observed values of two weighted samples,
    /// each sorted ascending (ties allowed); null weights mean 1 per value. With integer weights the CDFs are the
    /// same quotients scipy computes.
    /// </summary>
    internal static (double Max, double Min) EcdfDifferences(
        ReadOnlySpan<double> values1,
        ReadOnlySpan<double> weights1,
        ReadOnlySpan<double> values2,
        ReadOnlySpan<double> weights2)
    {
        var total1 = weights1.IsEmpty ? values1.Length : Sum(weights1);
        var total2 = weights2.IsEmpty ? values2.Length : Sum(weights2);
        double cumulative1 = 0, cumulative2 = 0;
        double max = double.NegativeInfinity, min = double.PositiveInfinity;
        int i = 0, j = 0;
        while (i < values1.Length || j < values2.Length)
        {
            var value = j >= values2.Length || (i < values1.Length && values1[i] <= values2[j]) ? values1[i] : values2[j];
            while (i < values1.Length && values1[i] <= value)
            {
                cumulative1 += weights1.IsEmpty ? 1 : weights1[i];
                i++;
            }

            while (j < values2.Length && values2[j] <= value)
            {
                cumulative2 += weights2.IsEmpty ? 1 : weights2[j];
                j++;
            }

            var difference = (cumulative1 / total1) - (cumulative2 / total2);
            max = Math.Max(max, difference);
            min = Math.Min(min, difference);
        }

        return (max, Math.Clamp(-min, 0, 1));
    }

    /// <summary>
    /// The test from the extreme ECDF differences <paramref name="maxDifference"/> (largest F₁ − F₂) and
    /// <paramref name="minDifference"/> (largest F₂ − F₁, ≥ 0) of samples of sizes <paramref name="n1"/> and <paramref name="n2"/>.
    /// </summary>
    internal static KsResult Test(double maxDifference, double minDifference, long n1, long n2, KsAlternative alternative, KsMethod method)
    {
        if (n1 <= 0 || n2 <= 0)
        {
            throw new ArgumentException("Both samples need at least one value.", nameof(n1));
        }

        var d = alternative == KsAlternative.Less || (alternative == KsAlternative.TwoSided && minDifference > maxDifference)
            ? minDifference
            : maxDifference;
        var g = Gcd(n1, n2);
        var mode = method;
        if (mode == KsMethod.Auto)
        {
            mode = Math.Max(n1, n2) <= MaxExactSize ? KsMethod.Exact : KsMethod.Asymptotic;
        }
        else if (mode == KsMethod.Exact && n1 / g >= int.MaxValue / (double)(n2 / g))
        {
            mode = KsMethod.Asymptotic;
        }

        var p = double.NaN;
        if (mode == KsMethod.Exact)
        {
            var (success, rounded, probability) = AttemptExact(n1, n2, g, d, alternative);
            d = rounded;
            if (success)
            {
                p = probability;
            }
            else
            {
                mode = KsMethod.Asymptotic;
            }
        }

        if (mode == KsMethod.Asymptotic)
        {
            double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
            var en = m * n / (m + n);
            if (alternative == KsAlternative.TwoSided)
            {
                p = KolmogorovDistribution.TwoSidedSf((long)Math.Round(en), d);
            }
            else
            {
                var z = Math.Sqrt(en) * d;
                var exponent = (-2 * z * z) - (2 * z * (m + (2 * n)) / Math.Sqrt(m * n * (m + n)) / 3.0);
                p = Math.Exp(exponent);
            }
        }

        return new KsResult(d, Math.Clamp(p, 0, 1), mode);
    }

    private static (bool Success, double D, double P) AttemptExact(long n1, long n2, long g, double d, KsAlternative alternative)
    {
        var lcm = n1 / g * n2;
        var h = (long)Math.Round(d * lcm);
        d = h * 1.0 / lcm;
        if (h == 0)
        {
            return (true, d, 1.0);
        }

        double p;
        if (alternative == KsAlternative.TwoSided)
        {
            p = n1 == n2 ? OutsideSquare(n1, h) : OutsideInsideMethod(n1, n2, g, h);
        }
        else if (n1 == n2)
        {
            p = 1;
            for (long j = 0; j < h; j++)
            {
                p *= (n1 - j) / (n1 + j + 1.0);
            }
        }
        else
        {
            var paths = CountPathsOutside(n1, n2, g, h);
            var total = SpecialFunctions.Binomial(n1 + n2, n1);
            if (!double.IsFinite(paths) || !double.IsFinite(total) || paths > total)
            {
                return (false, d, double.NaN);
            }

            p = paths / total;
        }

        return double.IsFinite(p) && p is >= 0 and <= 1 ? (true, d, p) : (false, d, p);
    }

    /// <summary>Two-sided, n₁ = n₂ = n: the share of paths leaving the band |x − y| &lt; h, by an alternating series in Horner form.</summary>
    private static double OutsideSquare(long n, long h)
    {
        double p = 0;
        for (var k = n / h; k >= 0; k--)
        {
            double term = 1;
            for (long j = 0; j < h; j++)
            {
                term = (n - (k * h) - j) * term / (n + (k * h) + j + 1);
            }

            p = term * (1 - p);
        }

        return 2 * p;
    }

    /// <summary>Two-sided, n₁ ≠ n₂: the share of lattice paths that leave the band, by Hodges' inside method written for 1 − p.</summary>
    private static double OutsideInsideMethod(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        long minJ = 0;
        var maxJ = Math.Min(CeilDiv(h, mg), n + 1);
        var currentLength = maxJ - minJ;
        var a = new double[Math.Min((2 * maxJ) + 2, n + 1)];
        Array.Fill(a, 1.0);
        Array.Fill(a, 0.0, 0, (int)Math.Min(maxJ, a.Length));
        for (long i = 1; i <= m; i++)
        {
            var lastMinJ = minJ;
            var lastLength = currentLength;
            minJ = Math.Min(Math.Max(FloorDiv((ng * i) - h, mg) + 1, 0), n);
            maxJ = Math.Min(CeilDiv((ng * i) + h, mg), n + 1);
            if (maxJ <= minJ)
            {
                return 1.0;
            }

            var value = minJ == 0 ? 0.0 : 1.0;
            for (var jj = 0L; jj < maxJ - minJ; jj++)
            {
                var j = jj + minJ;
                value = ((a[jj + minJ - lastMinJ] * i) + (value * j)) / (i + j);
                a[jj] = value;
            }

            currentLength = maxJ - minJ;
            if (lastLength > currentLength)
            {
                var start = (int)(maxJ - minJ);
                var count = (int)Math.Min(lastLength - currentLength, a.Length - start);
                Array.Fill(a, 1.0, start, count);
            }
        }

        return a[maxJ - minJ - 1];
    }

    /// <summary>One-sided, n₁ ≠ n₂: the number of lattice paths that cross the shifted diagonal (Hodges' treatment).</summary>
    private static double CountPathsOutside(long m, long n, long g, long h)
    {
        if (m < n)
        {
            (m, n) = (n, m);
        }

        var mg = m / g;
        var ng = n / g;
        var count = n + FloorDiv(mg - h, mg);
        if (count <= 0)
        {
            return SpecialFunctions.Binomial(m + n, n);
        }

        var xj = new long[count];
        for (long j = 0; j < count; j++)
        {
            xj[j] = FloorDiv(h + (mg * j) + ng - 1, ng);
        }

        var b = new double[count];
        b[0] = 1;
        for (long j = 1; j < count; j++)
        {
            var bj = SpecialFunctions.Binomial(xj[j] + j, j);
            for (long i = 0; i < j; i++)
            {
                bj -= SpecialFunctions.Binomial(xj[j] - xj[i] + j - i, j - i) * b[i];
            }

            if (!double.IsFinite(bj))
            {
                return double.NaN;
            }

            b[j] = bj;
        }

        double paths = 0;
        for (long j = 0; j < count; j++)
        {
            paths += b[j] * SpecialFunctions.Binomial(m - xj[j] + (n - j), n - j);
        }

        return paths;
    }

    private static double[] Sorted(IReadOnlyList<double> sample, string name)
    {
        ArgumentNullException.ThrowIfNull(sample, name);
        if (sample.Count == 0)
        {
            throw new ArgumentException("A sample needs at least one value.", name);
        }

        var sorted = sample.ToArray();
        if (Array.Exists(sorted, double.IsNaN))
        {
            throw new ArgumentException("A sample must not contain NaN.", name);
        }

        Array.Sort(sorted);
        return sorted;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);

    private static long CeilDiv(long a, long b) => -FloorDiv(-a, b);
}
