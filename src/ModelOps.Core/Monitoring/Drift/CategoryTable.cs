using System.Globalization;
using ModelOps.Monitoring.Profiles;

namespace ModelOps.Monitoring.Drift;

/// <summary>
/// Reference and current counts over the union of their categories, as Evidently builds them (union of the distinct
/// values of both sides, zero where a side lacks one). Exact when both sides kept every value; otherwise values the
/// reference did not track are folded into one "other" category on both sides and the table is approximate.
/// For numeric columns the categories are the distinct numbers (exact values, or the window's counts at the
/// reference's values with everything else as "other").
/// </summary>
internal sealed record CategoryTable(string[] Keys, double[] Reference, double[] Current, bool Approximate, double[]? NumericKeys)
{
    public const string OtherKey = "\u0000other";

    public static CategoryTable? From(ColumnProfile reference, ColumnProfile current)
    {
        if (reference.Categorical is { } r && current.Categorical is { } c)
        {
            return FromCategories(r, c);
        }

        if (reference.Numeric?.Values is not { } referenceValues || current.Numeric is not { } currentNumeric)
        {
            return null;
        }

        if (currentNumeric.Values is { } currentValues)
        {
            var union = new SortedDictionary<double, (double Reference, double Current)>();
            foreach (var v in referenceValues)
            {
                union[v.Value] = (v.Count, 0);
            }

            foreach (var v in currentValues)
            {
                union[v.Value] = (union.GetValueOrDefault(v.Value).Reference, v.Count);
            }

            return new CategoryTable(
                union.Keys.Select(k => k.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
                union.Values.Select(v => v.Reference).ToArray(),
                union.Values.Select(v => v.Current).ToArray(),
                Approximate: false,
                union.Keys.ToArray());
        }

        if (currentNumeric.Anchored is { } anchored && SameValues(anchored.Anchors, referenceValues))
        {
            // Exact counts at the reference's values; the window's other values form one category absent from the reference.
            var other = anchored.Below.Sum();
            var keys = referenceValues.Select(v => v.Value).ToList();
            var referenceCounts = referenceValues.Select(v => (double)v.Count).ToList();
            var currentCounts = anchored.At.Select(a => (double)a).ToList();
            if (other > 0)
            {
                keys.Add(double.NaN);
                referenceCounts.Add(0);
                currentCounts.Add(other);
            }

            return new CategoryTable(
                keys.Select(k => double.IsNaN(k) ? OtherKey : k.ToString("R", CultureInfo.InvariantCulture)).ToArray(),
                referenceCounts.ToArray(),
                currentCounts.ToArray(),
                Approximate: other > 0,
                keys.ToArray());
        }

        return null;
    }

    /// <summary>Whether the window counted around exactly the reference's values.</summary>
    public static bool SameValues(IReadOnlyList<double> anchors, IReadOnlyList<ValueCount> values)
    {
        if (anchors.Count != values.Count)
        {
            return false;
        }

        for (var i = 0; i < anchors.Count; i++)
        {
            if (anchors[i] != values[i].Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shares of each side: counts over that side's present values.</summary>
    public (double[] Reference, double[] Current) Shares(long referenceCount, long currentCount) =>
        (Reference.Select(c => c / referenceCount).ToArray(), Current.Select(c => c / currentCount).ToArray());

    /// <summary>The index of the smallest key (numbers numerically, text ordinally), as Evidently's z-test sorts them.</summary>
    public int SmallestKey()
    {
        var best = 0;
        for (var i = 1; i < Keys.Length; i++)
        {
            var smaller = NumericKeys is { } numbers
                ? numbers[i] < numbers[best] || double.IsNaN(numbers[best])
                : string.CompareOrdinal(Keys[i], Keys[best]) < 0;
            best = smaller ? i : best;
        }

        return best;
    }

    private static CategoryTable FromCategories(CategoricalProfile reference, CategoricalProfile current)
    {
        var referenceComplete = reference.OtherCount == 0;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var keys = new List<string>();
        var referenceCounts = new List<double>();
        var currentCounts = new List<double>();
        int Slot(string key)
        {
            if (!index.TryGetValue(key, out var slot))
            {
                slot = keys.Count;
                index[key] = slot;
                keys.Add(key);
                referenceCounts.Add(0);
                currentCounts.Add(0);
            }

            return slot;
        }

        foreach (var category in reference.Top)
        {
            referenceCounts[Slot(category.Value)] += category.Count;
        }

        if (!referenceComplete)
        {
            referenceCounts[Slot(OtherKey)] += reference.OtherCount;
        }

        var approximate = !referenceComplete;
        foreach (var category in current.Top)
        {
            // With a complete reference every window value is its own category; otherwise untracked values fold into "other".
            var key = referenceComplete || index.ContainsKey(category.Value) ? category.Value : OtherKey;
            currentCounts[Slot(key)] += category.Count;
        }

        if (current.OtherCount > 0)
        {
            // Values the window did not track individually: not among the reference's values (those are always tracked).
            currentCounts[Slot(OtherKey)] += current.OtherCount;
            approximate = true;
        }

        return new CategoryTable(keys.ToArray(), referenceCounts.ToArray(), currentCounts.ToArray(), approximate, null);
    }
}
