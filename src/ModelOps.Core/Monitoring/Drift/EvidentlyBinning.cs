using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// Evidently's <c>get_binned_data</c> (src/evidently/legacy/calculations/stattests/utils.py), used by PSI and
/// Jensen–Shannon: a numeric column whose reference has more than 20 distinct values is cut into
/// <c>np.histogram_bin_edges(reference ∪ current, bins="sturges")</c> bins (⌈log₂ n + 1⌉ equal bins over the pooled
/// range; the last bin closed); any other column is taken value by value over the union of values. Shares are counts
/// over each side's size. With <c>fillZeroes</c> (PSI) a zero share becomes 0.0001, or the side's smallest non-zero share
/// / 10⁶ when that is at most 0.0001.
/// </summary>
internal static class EvidentlyBinning
{
    /// <summary>The most distinct reference values taken value by value.</summary>
    public const int MaxValueBins = 20;

    /// <summary>The shares of both sides, whether they are approximate, or null when the counts are not known well enough.</summary>
    public static (double[] Reference, double[] Current, bool Approximate)? Shares(ColumnProfile reference, ColumnProfile current, bool fillZeroes)
    {
        double[] referenceShares, currentShares;
        bool approximate;
        if (reference.Kind == ColumnKind.Numeric && (reference.Numeric!.Values is null || reference.Numeric.Values.Count > MaxValueBins))
        {
            var r = WeightedSample.From(reference.Numeric);
            var c = WeightedSample.From(current.Numeric!);
            var edges = SturgesEdges(Math.Min(reference.Numeric.Min, current.Numeric!.Min), Math.Max(reference.Numeric.Max, current.Numeric.Max), reference.Count + current.Count);
            referenceShares = Histogram(r, edges).Select(count => count / reference.Count).ToArray();
            currentShares = Histogram(c, edges).Select(count => count / current.Count).ToArray();
            approximate = !r.Exact || !c.Exact;
        }
        else if (CategoryTable.From(reference, current) is { } table)
        {
            (referenceShares, currentShares) = table.Shares(reference.Count, current.Count);
            approximate = table.Approximate;
        }
        else
        {
            return null;
        }

        if (fillZeroes)
        {
            FillZeroes(referenceShares);
            FillZeroes(currentShares);
        }

        return (referenceShares, currentShares, approximate);
    }

    /// <summary>numpy's Sturges edges for <paramref name="count"/> values over [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static double[] SturgesEdges(double min, double max, long count)
    {
        var first = min;
        var last = max;
        var bins = 1;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }
        else
        {
            var width = (max - min) / (Math.Log2(count) + 1.0);
            bins = (int)Math.Ceiling((last - first) / width);
        }

        // numpy.linspace(first, last, bins + 1): i·step + first, the last edge exactly last.
        var step = (last - first) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            edges[i] = (i * step) + first;
        }

        edges[bins] = last;
        return edges;
    }

    /// <summary>numpy's <c>histogram</c> with explicit edges: bin i holds edges[i] ≤ v &lt; edges[i+1], the last bin also v = last edge.</summary>
    public static double[] Histogram(WeightedSample sample, double[] edges)
    {
        var counts = new double[edges.Length - 1];
        for (var i = 0; i < sample.Values.Length; i++)
        {
            var value = sample.Values[i];
            if (value < edges[0] || value > edges[^1])
            {
                continue;
            }

            var index = Array.BinarySearch(edges, value);
            var bin = index >= 0 ? index : ~index - 1;
            counts[Math.Min(bin, counts.Length - 1)] += sample.Weights[i];
        }

        return counts;
    }

    private static void FillZeroes(double[] shares)
    {
        var smallest = shares.Where(s => s != 0).DefaultIfEmpty(0).Min();
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        for (var i = 0; i < shares.Length; i++)
        {
            shares[i] = shares[i] == 0 ? fill : shares[i];
        }
    }
}
