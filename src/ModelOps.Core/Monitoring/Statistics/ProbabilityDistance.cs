namespace ModelOps.Monitoring.Statistics;

/// <summary>Distances between two discrete probability vectors of the same length.</summary>
public static class ProbabilityDistance
{
    /// <summary>
    /// The Jensen–Shannon distance as <c>scipy.spatial.distance.jensenshannon</c> returns it: both vectors are first
    /// divided by their sums, then √((KL(p‖m) + KL(q‖m)) / 2) with m = (p + q)/2, in natural logarithms unless
    /// <paramref name="logBase"/> is given (the divergence is then divided by ln base). It is the square root of the divergence.
    /// </summary>
    public static double JensenShannon(IReadOnlyList<double> p, IReadOnlyList<double> q, double? logBase = null)
    {
        Validate(p, q);
        double pSum = p.Sum(), qSum = q.Sum();
        double left = 0, right = 0;
        for (var i = 0; i < p.Count; i++)
        {
            var pi = p[i] / pSum;
            var qi = q[i] / qSum;
            var m = (pi + qi) / 2.0;
            left += RelativeEntropy(pi, m);
            right += RelativeEntropy(qi, m);
        }

        var js = left + right;
        if (logBase is { } b)
        {
            js /= Math.Log(b);
        }

        return Math.Sqrt(js / 2.0);
    }

    /// <summary>The L-infinity distance max |pᵢ − qᵢ| (NannyML's LInfinityDistance on category shares).</summary>
    public static double LInfinity(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        Validate(p, q);
        double max = 0;
        for (var i = 0; i < p.Count; i++)
        {
            max = Math.Max(max, Math.Abs(p[i] - q[i]));
        }

        return max;
    }

    /// <summary>scipy's <c>rel_entr</c>: x ln(x/y) for x, y &gt; 0; 0 for x = 0, y ≥ 0; +∞ otherwise.</summary>
    private static double RelativeEntropy(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.NaN
        : x > 0 && y > 0 ? x * Math.Log(x / y)
        : x == 0 && y >= 0 ? 0
        : double.PositiveInfinity;

    private static void Validate(IReadOnlyList<double> p, IReadOnlyList<double> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count || p.Count == 0)
        {
            throw new ArgumentException($"Both vectors need the same, non-zero length ({p.Count} and {q.Count}).", nameof(q));
        }
    }
}
