namespace ModelOps.Monitoring.Statistics;

/// <summary>
/// Distances between two one-dimensional (optionally weighted) samples through their CDFs, as
/// <c>scipy.stats.wasserstein_distance</c> and <c>energy_distance</c> compute them: with the pooled sorted values
/// a₀ ≤ … ≤ a_k, Σ |U(aᵢ) − V(aᵢ)|^p (aᵢ₊₁ − aᵢ), where U and V are the (weighted) empirical CDFs. Infinite values follow
/// IEEE arithmetic as numpy does (an infinite gap gives an infinite distance, ∞ − ∞ gives NaN).
/// </summary>
public static class SampleDistance
{
    /// <summary>The first Wasserstein (earth mover's) distance.</summary>
    public static double Wasserstein(
        IReadOnlyList<double> u,
        IReadOnlyList<double> v,
        IReadOnlyList<double>? uWeights = null,
        IReadOnlyList<double>? vWeights = null) => CdfDistance(1, u, v, uWeights, vWeights);

    /// <summary>The energy distance: √2 times the L² distance between the CDFs.</summary>
    public static double Energy(
        IReadOnlyList<double> u,
        IReadOnlyList<double> v,
        IReadOnlyList<double>? uWeights = null,
        IReadOnlyList<double>? vWeights = null) => Math.Sqrt(2) * CdfDistance(2, u, v, uWeights, vWeights);

    private static double CdfDistance(int p, IReadOnlyList<double> u, IReadOnlyList<double> v, IReadOnlyList<double>? uWeights, IReadOnlyList<double>? vWeights)
    {
        var (uValues, uSorted) = Prepare(u, uWeights, nameof(u));
        var (vValues, vSorted) = Prepare(v, vWeights, nameof(v));
        return CdfDistance(p, uValues, uSorted, vValues, vSorted);
    }

    /// <summary>
    /// The L^p distance between the CDFs of two weighted samples whose values are sorted ascending (p = 1: Wasserstein;
    /// p = 2: energy / √2).
    /// </summary>
    internal static double CdfDistance(int p, ReadOnlySpan<double> uValues, ReadOnlySpan<double> uWeights, ReadOnlySpan<double> vValues, ReadOnlySpan<double> vWeights)
    {
        var uTotal = Total(uWeights);
        var vTotal = Total(vWeights);
        var pooled = new double[uValues.Length + vValues.Length];
        uValues.CopyTo(pooled);
        vValues.CopyTo(pooled.AsSpan(uValues.Length));
        Array.Sort(pooled);

        // At each pooled value but the last: the CDFs count every value ≤ it (numpy's searchsorted 'right').
        double uCumulative = 0, vCumulative = 0, sum = 0;
        int i = 0, j = 0;
        for (var k = 0; k < pooled.Length - 1; k++)
        {
            var value = pooled[k];
            while (i < uValues.Length && uValues[i] <= value)
            {
                uCumulative += uWeights[i++];
            }

            while (j < vValues.Length && vValues[j] <= value)
            {
                vCumulative += vWeights[j++];
            }

            var difference = Math.Abs((uCumulative / uTotal) - (vCumulative / vTotal));
            var gap = pooled[k + 1] - value;
            sum += p == 1 ? difference * gap : difference * difference * gap;
        }

        return p == 1 ? sum : Math.Sqrt(sum);
    }

    private static double Total(ReadOnlySpan<double> weights)
    {
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        return total;
    }

    /// <summary>Sorts values with their weights; validates as scipy does (non-empty, weights finite, ≥ 0, summing to more than 0).</summary>
    private static (double[] Values, double[] Weights) Prepare(IReadOnlyList<double> values, IReadOnlyList<double>? weights, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0)
        {
            throw new ArgumentException("Distribution can't be empty.", name);
        }

        var sortedValues = values.ToArray();
        var sortedWeights = weights is null ? Enumerable.Repeat(1.0, values.Count).ToArray() : weights.ToArray();
        if (sortedWeights.Length != sortedValues.Length)
        {
            throw new ArgumentException($"There are {sortedValues.Length} values but {sortedWeights.Length} weights.", name);
        }

        if (Array.Exists(sortedWeights, w => w < 0 || !double.IsFinite(w)))
        {
            throw new ArgumentException("All weights must be finite and non-negative.", name);
        }

        if (!(sortedWeights.Sum() > 0))
        {
            throw new ArgumentException("Weights must sum to a positive number.", name);
        }

        Array.Sort(sortedValues, sortedWeights);
        return (sortedValues, sortedWeights);
    }
}
