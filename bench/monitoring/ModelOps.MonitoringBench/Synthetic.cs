using ModelOps.Monitoring;
using ModelOps.Monitoring.Quality;

/// <summary>The synthetic features both benchmarks generate: 80% numeric (normal, log-normal, uniform, small integers), 20% categorical.</summary>
internal static class Synthetic
{
    public static int CategoricalCount(int features) => features / 5;

    public static bool IsNumeric(int column, int features) => column < features - CategoricalCount(features);

    public static string Name(int column, int features) => IsNumeric(column, features) ? $"f{column}" : $"c{column}";

    public static MonitoringSchema Schema(int features) => new()
    {
        Columns = Enumerable.Range(0, features)
            .Select(i => IsNumeric(i, features)
                ? new MonitoredColumn { Name = Name(i, features), Kind = ColumnKind.Numeric, Min = -10, Max = 1000 }
                : new MonitoredColumn { Name = Name(i, features), Kind = ColumnKind.Categorical })
            .ToArray(),
    };

    /// <summary>Per column, the categories a categorical column draws from (5 to 200 values).</summary>
    public static string[][] Categories(int features) =>
        Enumerable.Range(0, features).Select(i => Enumerable.Range(0, 5 + (i * 37 % 196)).Select(k => $"v{k}").ToArray()).ToArray();

    /// <summary>The window's shift of a column's mean: a third of the columns move by 0.3.</summary>
    public static double Shift(int column, bool shifted) => shifted && column % 3 == 0 ? 0.3 : 0.0;

    public static double Number(int column, XorShift random, double shift) => (column % 4) switch
    {
        0 => random.Normal() + shift,
        1 => Math.Exp(random.Normal() + shift),
        2 => random.Uniform() * 100,
        _ => Math.Floor(random.Uniform() * 21),
    };

    public static string Category(string[] pool, XorShift random, bool shifted)
    {
        var u = random.Uniform();
        return pool[(int)(pool.Length * u * u * (shifted ? 0.9 : 1.0))];
    }
}
