using ModelOps.Training.Data;

namespace ModelOps.Training.Trees;

/// <summary>
/// Maps feature values to bins of at most 255 values plus a missing bin (<see cref="MissingBin"/>). Numeric features:
/// quantile edges (midpoints) learnt from at most 200,000 sampled training rows, a value's bin being the first edge
/// it is &lt;= to, compared as float (so a split "bin &lt;= b" is exactly "x &lt;= edge[b]" at prediction time).
/// Categorical features: the category code is the bin.
/// </summary>
internal sealed class BinMapper
{
    public const int MissingBin = 255;
    public const int HistogramBins = 256;
    private const int SampleSize = 200_000;

    private BinMapper(float[][] edges, int[] binCounts, bool[] categorical)
    {
        Edges = edges;
        BinCounts = binCounts;
        Categorical = categorical;
    }

    /// <summary>Upper edges of each numeric feature's bins (empty for categoricals).</summary>
    public float[][] Edges { get; }

    /// <summary>Non-missing bins per feature.</summary>
    public int[] BinCounts { get; }

    public bool[] Categorical { get; }

    public static BinMapper Fit(FeatureInfo[] features, EncodedFeatures x, int[] trainRows, int maxBins, int seed)
    {
        var sample = trainRows;
        if (trainRows.Length > SampleSize)
        {
            sample = (int[])trainRows.Clone();
            new Random(seed).Shuffle(sample);
            sample = sample[..SampleSize];
        }

        var edges = new float[features.Length][];
        var counts = new int[features.Length];
        var categorical = new bool[features.Length];
        Parallel.For(0, features.Length, f =>
        {
            if (features[f].Kind == ColumnKind.Categorical)
            {
                categorical[f] = true;
                edges[f] = [];
                counts[f] = features[f].Categories.Count;
                return;
            }

            var column = x.Numeric[f]!;
            var values = new List<float>(sample.Length);
            foreach (var r in sample)
            {
                if (!float.IsNaN(column[r]))
                {
                    values.Add(column[r]);
                }
            }

            values.Sort();
            var distinct = new List<float>();
            foreach (var v in values)
            {
                if (distinct.Count == 0 || distinct[^1] != v)
                {
                    distinct.Add(v);
                }
            }

            var result = new List<float>();
            if (distinct.Count <= maxBins)
            {
                for (var i = 0; i + 1 < distinct.Count; i++)
                {
                    Add(result, (float)((distinct[i] + (double)distinct[i + 1]) / 2));
                }
            }
            else
            {
                for (var q = 1; q < maxBins; q++)
                {
                    var position = (double)q / maxBins * (values.Count - 1);
                    var low = values[(int)Math.Floor(position)];
                    var high = values[(int)Math.Ceiling(position)];
                    Add(result, (float)((low + (double)high) / 2));
                }
            }

            edges[f] = [.. result];
            counts[f] = result.Count + 1;
        });

        return new BinMapper(edges, counts, categorical);

        static void Add(List<float> edges, float edge)
        {
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }
    }

    /// <summary>Bins every row of every feature: one byte per value, feature-major.</summary>
    public byte[][] Transform(EncodedFeatures x)
    {
        var binned = new byte[BinCounts.Length][];
        Parallel.For(0, BinCounts.Length, f =>
        {
            var output = new byte[x.RowCount];
            if (Categorical[f])
            {
                var codes = x.Codes[f]!;
                for (var r = 0; r < output.Length; r++)
                {
                    output[r] = codes[r] < 0 ? (byte)MissingBin : (byte)codes[r];
                }
            }
            else
            {
                var values = x.Numeric[f]!;
                var edges = Edges[f];
                for (var r = 0; r < output.Length; r++)
                {
                    output[r] = Bin(values[r], edges);
                }
            }

            binned[f] = output;
        });

        return binned;
    }

    private static byte Bin(float value, float[] edges)
    {
        if (float.IsNaN(value))
        {
            return MissingBin;
        }

        int low = 0, high = edges.Length;
        while (low < high)
        {
            var mid = (low + high) >> 1;
            if (value <= edges[mid])
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return (byte)low;
    }
}
