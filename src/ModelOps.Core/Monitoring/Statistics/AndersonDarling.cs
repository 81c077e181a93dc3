namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// The k-sample Anderson–Darling test (<c>scipy.stats.anderson_ksamp</c>, midrank version, Scholz and Stephens 1987).
/// The p-value interpolates log significance over the critical values of Table 2 with a quadratic fit, as scipy does,
/// and is capped to [0.001, 0.25] outside the table.
/// </summary>
public static class AndersonDarling
{
    private static readonly double[] B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
    private static readonly double[] B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
    private static readonly double[] B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];
    private static readonly double[] Significance = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];

    /// <summary>The normalized statistic and its (interpolated) significance level.</summary>
    public static TestResult KSample(IReadOnlyList<IReadOnlyList<double>> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var k = samples.Count;
        if (k < 2 || samples.Any(s => s.Count == 0))
        {
            throw new ArgumentException("Anderson–Darling needs at least two non-empty samples.", nameof(samples));
        }

        var pooled = samples.SelectMany(s => s).ToArray();
        Array.Sort(pooled);
        var distinct = pooled.Distinct().ToArray();
        double total = pooled.Length;
        if (distinct.Length < 2)
        {
            throw new ArgumentException("Anderson–Darling needs at least two distinct values in all.", nameof(samples));
        }

        // A2akN (eq. 7): Σᵢ 1/nᵢ Σⱼ lⱼ/N (N Mᵢⱼ − Bⱼ nᵢ)² / (Bⱼ(N − Bⱼ) − N lⱼ/4), scaled by (N − 1)/N.
        var below = new double[distinct.Length];
        var ties = new double[distinct.Length];
        for (var j = 0; j < distinct.Length; j++)
        {
            var left = LowerBound(pooled, distinct[j]);
            below[j] = left;
            ties[j] = UpperBound(pooled, distinct[j]) - left;
        }

        double statistic = 0;
        foreach (var sample in samples)
        {
            var sorted = sample.ToArray();
            Array.Sort(sorted);
            double n = sorted.Length, inner = 0;
            for (var j = 0; j < distinct.Length; j++)
            {
                double right = UpperBound(sorted, distinct[j]);
                var mij = right - ((right - LowerBound(sorted, distinct[j])) / 2.0);
                var bj = below[j] + (ties[j] / 2.0);
                var deviation = (total * mij) - (bj * n);
                inner += ties[j] / total * deviation * deviation / ((bj * (total - bj)) - (total * ties[j] / 4.0));
            }

            statistic += inner / n;
        }

        statistic *= (total - 1) / total;

        // Standardise with the variance of Scholz and Stephens (eq. 4).
        var h = samples.Sum(s => 1.0 / s.Count);
        double harmonic = 0, g = 0;
        for (var i = (long)total - 1; i > 1; i--)
        {
            harmonic += 1.0 / i;
            g += harmonic / ((long)total - i + 1);
        }

        var hSmall = harmonic + 1;
        double kk = k;
        var a = (((4 * g) - 6) * (kk - 1)) + ((10 - (6 * g)) * h);
        var b = (((2 * g) - 4) * kk * kk) + (8 * hSmall * kk) + (((2 * g) - (14 * hSmall) - 4) * h) - (8 * hSmall) + (4 * g) - 6;
        var c = (((6 * hSmall) + (2 * g) - 2) * kk * kk) + (((4 * hSmall) - (4 * g) + 6) * kk) + (((2 * hSmall) - 6) * h) + (4 * hSmall);
        var d = (((2 * hSmall) + 6) * kk * kk) - (4 * hSmall * kk);
        var sigmaSquared = ((a * total * total * total) + (b * total * total) + (c * total) + d) / ((total - 1) * (total - 2) * (total - 3));
        var m = kk - 1;
        var normalized = (statistic - m) / Math.Sqrt(sigmaSquared);

        var critical = new double[B0.Length];
        for (var i = 0; i < critical.Length; i++)
        {
            critical[i] = B0[i] + (B1[i] / Math.Sqrt(m)) + (B2[i] / m);
        }

        double p;
        if (normalized < critical.Min())
        {
            p = Significance.Max();
        }
        else if (normalized > critical.Max())
        {
            p = Significance.Min();
        }
        else
        {
            var coefficients = QuadraticFit(critical, Significance.Select(s => Math.Log(s)).ToArray());
            p = Math.Exp(coefficients[0] + (coefficients[1] * normalized) + (coefficients[2] * normalized * normalized));
        }

        return new TestResult(normalized, p);
    }

    /// <summary>Least-squares y ≈ c₀ + c₁x + c₂x² (numpy's <c>polyfit(x, y, 2)</c>, coefficients in ascending order).</summary>
    private static double[] QuadraticFit(double[] x, double[] y)
    {
        // Normal equations, solved by Gaussian elimination with partial pivoting (3 × 3, well conditioned here).
        var matrix = new double[3, 4];
        for (var i = 0; i < x.Length; i++)
        {
            double[] powers = [1, x[i], x[i] * x[i]];
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c < 3; c++)
                {
                    matrix[r, c] += powers[r] * powers[c];
                }

                matrix[r, 3] += powers[r] * y[i];
            }
        }

        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 3; r++)
            {
                if (Math.Abs(matrix[r, col]) > Math.Abs(matrix[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < 4; c++)
            {
                (matrix[col, c], matrix[pivot, c]) = (matrix[pivot, c], matrix[col, c]);
            }

            for (var r = 0; r < 3; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var factor = matrix[r, col] / matrix[col, col];
                for (var c = col; c < 4; c++)
                {
                    matrix[r, c] -= factor * matrix[col, c];
                }
            }
        }

        return [matrix[0, 3] / matrix[0, 0], matrix[1, 3] / matrix[1, 1], matrix[2, 3] / matrix[2, 2]];
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index + 1 < sorted.Length && sorted[index + 1] == value)
        {
            index++;
        }

        return index + 1;
    }
}
