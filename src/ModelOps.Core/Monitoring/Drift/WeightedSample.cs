using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// A numeric column as distinct ascending values with weights: exact (the profile's values and counts) or, once a
/// column had too many distinct values, the KLL sketch's retained items weighted 2^level (approximate; total weight
/// equals the count, rank error per query as the sketch documents).
/// </summary>
internal sealed class WeightedSample
{
    private WeightedSample(double[] values, double[] weights, bool exact)
    {
        Values = values;
        Weights = weights;
        Exact = exact;
    }

    public double[] Values { get; }

    public double[] Weights { get; }

    public bool Exact { get; }

    public static WeightedSample From(NumericProfile profile)
    {
        if (profile.Values is { } exact)
        {
            return new WeightedSample(exact.Select(v => v.Value).ToArray(), exact.Select(v => (double)v.Count).ToArray(), exact: true);
        }

        var items = new List<(double Value, double Weight)>();
        for (var level = 0; level < profile.Sketch.Levels.Count; level++)
        {
            var weight = Math.Pow(2, level);
            items.AddRange(profile.Sketch.Levels[level].Select(v => (v, weight)));
        }

        items.Sort((a, b) => a.Value.CompareTo(b.Value));
        var values = new List<double>(items.Count);
        var weights = new List<double>(items.Count);
        foreach (var (value, weight) in items)
        {
            if (values.Count > 0 && values[^1] == value)
            {
                weights[^1] += weight;
            }
            else
            {
                values.Add(value);
                weights.Add(weight);
            }
        }

        return new WeightedSample(values.ToArray(), weights.ToArray(), exact: false);
    }

    /// <summary>Every value repeated by its count (exact samples only, for tests that need the raw sample).</summary>
    public double[] Expand()
    {
        if (!Exact)
        {
            throw new InvalidOperationException("Only an exact sample can be expanded.");
        }

        var result = new List<double>();
        for (var i = 0; i < Values.Length; i++)
        {
            result.AddRange(Enumerable.Repeat(Values[i], (int)Weights[i]));
        }

        return result.ToArray();
    }
}
