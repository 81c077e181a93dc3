using System.Globalization;
using ModelOps.Training.Data;

namespace ModelOps.Training.Tests.Support;

/// <summary>
/// Seeded tabular data with what real data has: two numeric columns (one with 10 % missing), two categorical
/// columns (one with 5 % missing) and a label that depends on all of them.
/// </summary>
internal static class SyntheticData
{
    private static readonly string[] Colours = ["amber", "blue", "crimson", "dune", "emerald"];
    private static readonly double[] ColourEffect = [1.2, -0.8, 0.3, -1.5, 0.9];

    /// <summary>
    /// <paramref name="labels"/>: "binary-text" (no/yes), "binary-int" (0/1), "multiclass-int" (0/1/2),
    /// "multiclass-text" (low/mid/high), "regression". <paramref name="unseen"/> adds rows with a category not in training.
    /// </summary>
    public static TabularDataset Create(int rows, int seed, string labels, bool unseen = false)
    {
        var random = new Random(seed);
        var x1 = new float[rows];
        var x2 = new float[rows];
        var colour = new string?[rows];
        var size = new string?[rows];
        var label = new string[rows];
        var target = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            x1[r] = (float)Normal(random);
            x2[r] = (float)(random.NextDouble() * 10);
            var c = random.Next(Colours.Length);
            colour[r] = Colours[c];
            var big = random.NextDouble() < 0.4;
            size[r] = big ? "big" : "small";
            var z = (1.5 * x1[r]) - (0.3 * x2[r]) + 1.5 + ColourEffect[c] + (big ? 0.7 : 0) + (0.5 * Normal(random));
            if (random.NextDouble() < 0.1)
            {
                x2[r] = float.NaN;
                z += 1.0;
            }

            if (random.NextDouble() < 0.05)
            {
                colour[r] = null;
            }

            if (unseen && r % 17 == 0)
            {
                colour[r] = "fuchsia";
            }

            target[r] = (float)(z * 10);
            label[r] = labels switch
            {
                "binary-text" => z > 0 ? "yes" : "no",
                "binary-int" => z > 0 ? "1" : "0",
                "multiclass-int" => z < -0.7 ? "0" : z < 0.9 ? "1" : "2",
                "multiclass-text" => z < -0.7 ? "low" : z < 0.9 ? "mid" : "high",
                _ => "",
            };
        }

        var columns = new List<DataColumn>
        {
            DataColumn.Numeric("x1", x1),
            DataColumn.Numeric("x2", x2),
            DataColumn.FromStrings("colour", colour),
            DataColumn.FromStrings("size", size),
        };
        if (labels == "regression")
        {
            columns.Add(DataColumn.Numeric("target", target));
        }
        else if (labels.EndsWith("-int", StringComparison.Ordinal))
        {
            columns.Add(DataColumn.Numeric("target", label.Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray()));
        }
        else
        {
            columns.Add(DataColumn.FromStrings("target", label));
        }

        return new TabularDataset(columns);
    }

    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
