using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>
/// The schema (column types, numeric ranges, categorical domains, missing rates) and baseline statistics (quantiles
/// and a fixed-bin histogram per numeric column, category frequencies per categorical column) of a dataset.
/// </summary>
public static class DataProfile
{
    private static readonly double[] Quantiles = [0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1];
    private const int Bins = 10;
    private const int MaxDomain = 1000;

    public static object Schema(TabularDataset data, string label) => new
    {
        rows = data.RowCount,
        label,
        columns = data.Columns.Select(c => c.Kind == ColumnKind.Numeric
            ? (object)new
            {
                name = c.Name,
                type = "numeric",
                min = Finite(c.Values).DefaultIfEmpty(float.NaN).Min() is var min && float.IsFinite(min) ? min : (float?)null,
                max = Finite(c.Values).DefaultIfEmpty(float.NaN).Max() is var max && float.IsFinite(max) ? max : (float?)null,
                missingRate = MissingRate(c),
            }
            : new
            {
                name = c.Name,
                type = "categorical",
                domain = c.Categories.Count <= MaxDomain ? c.Categories : c.Categories.Take(MaxDomain).ToList(),
                missingRate = MissingRate(c),
            }).ToList(),
    };

    public static object Statistics(TabularDataset data) => new
    {
        rows = data.RowCount,
        columns = data.Columns.Select(c => c.Kind == ColumnKind.Numeric ? NumericStatistics(c) : CategoricalStatistics(c)).ToList(),
    };

    private static object NumericStatistics(DataColumn column)
    {
        var values = Finite(column.Values).Select(v => (double)v).ToArray();
        Array.Sort(values);
        if (values.Length == 0)
        {
            return new { name = column.Name, type = "numeric", count = 0, missingRate = MissingRate(column) };
        }

        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        var (low, high) = (values[0], values[^1]);
        var width = (high - low) / Bins;
        var counts = new long[Bins];
        foreach (var v in values)
        {
            counts[width > 0 ? Math.Min(Bins - 1, (int)((v - low) / width)) : 0]++;
        }

        return new
        {
            name = column.Name,
            type = "numeric",
            count = values.Length,
            missingRate = MissingRate(column),
            mean,
            std,
            quantiles = Quantiles.Select(q => new { q, value = values[(int)Math.Round(q * (values.Length - 1))] }).ToList(),
            histogram = new { edges = Enumerable.Range(0, Bins + 1).Select(i => low + (i * width)).ToList(), counts },
        };
    }

    private static object CategoricalStatistics(DataColumn column)
    {
        var counts = new long[column.Categories.Count];
        var present = 0L;
        foreach (var code in column.Codes)
        {
            if (code >= 0)
            {
                counts[code]++;
                present++;
            }
        }

        return new
        {
            name = column.Name,
            type = "categorical",
            count = present,
            missingRate = MissingRate(column),
            frequencies = column.Categories
                .Select((c, i) => (c, n: counts[i]))
                .OrderByDescending(x => x.n)
                .Take(MaxDomain)
                .ToDictionary(x => x.c, x => present == 0 ? 0 : (double)x.n / present, StringComparer.Ordinal),
        };
    }

    private static IEnumerable<float> Finite(float[] values) => values.Where(float.IsFinite);

    private static double MissingRate(DataColumn column)
    {
        if (column.Length == 0)
        {
            return 0;
        }

        var missing = column.Kind == ColumnKind.Numeric ? column.Values.Count(float.IsNaN) : column.Codes.Count(c => c < 0);
        return (double)missing / column.Length;
    }
}
