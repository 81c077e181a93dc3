using ModelOps.Training.Data;

namespace ModelOps.Training.Linear;

/// <summary>
/// The dense matrix linear models fit: numeric features mean-imputed and standardised (in feature order), then one
/// block of one-hot columns per categorical feature (missing or unseen = all zeros). The ONNX graph builds the same
/// columns in the same order with Imputer, Scaler and OneHotEncoder.
/// </summary>
internal sealed class DesignMatrix
{
    private DesignMatrix(int[] numericFeatures, float[] means, float[] scales, int[] categoricalFeatures, int[] blockOffsets, int width)
    {
        NumericFeatures = numericFeatures;
        Means = means;
        Scales = scales;
        CategoricalFeatures = categoricalFeatures;
        BlockOffsets = blockOffsets;
        Width = width;
    }

    /// <summary>Indexes (into the model's features) of the numeric features, in column order.</summary>
    public int[] NumericFeatures { get; }

    /// <summary>Imputation value and Scaler offset per numeric feature (float, as the graph holds them).</summary>
    public float[] Means { get; }

    /// <summary>Scaler scale (1 / standard deviation) per numeric feature.</summary>
    public float[] Scales { get; }

    public int[] CategoricalFeatures { get; }

    /// <summary>First column of each categorical feature's one-hot block.</summary>
    public int[] BlockOffsets { get; }

    public int Width { get; }

    /// <summary>Learns means and scales from the training features.</summary>
    public static DesignMatrix Fit(FeatureInfo[] features, EncodedFeatures x)
    {
        var numeric = new List<int>();
        var categorical = new List<int>();
        for (var f = 0; f < features.Length; f++)
        {
            (features[f].Kind == ColumnKind.Numeric ? numeric : categorical).Add(f);
        }

        var means = new float[numeric.Count];
        var scales = new float[numeric.Count];
        Parallel.For(0, numeric.Count, j =>
        {
            var values = x.Numeric[numeric[j]]!;
            double sum = 0;
            var count = 0;
            foreach (var v in values)
            {
                if (!float.IsNaN(v))
                {
                    sum += v;
                    count++;
                }
            }

            var mean = (float)(sum / count);
            double squares = 0;
            foreach (var v in values)
            {
                var d = (float.IsNaN(v) ? mean : v) - (double)mean;
                squares += d * d;
            }

            var sd = Math.Sqrt(squares / values.Length);
            means[j] = mean;
            scales[j] = sd > 1e-12 ? (float)(1.0 / sd) : 1f;
        });

        var offsets = new int[categorical.Count];
        var width = numeric.Count;
        for (var j = 0; j < categorical.Count; j++)
        {
            offsets[j] = width;
            width += features[categorical[j]].Categories.Count;
        }

        return new DesignMatrix([.. numeric], means, scales, [.. categorical], offsets, width);
    }

    /// <summary>Writes row <paramref name="row"/>'s design values into <paramref name="output"/> (length <see cref="Width"/>).</summary>
    public void Row(EncodedFeatures x, int row, Span<double> output)
    {
        output.Clear();
        for (var j = 0; j < NumericFeatures.Length; j++)
        {
            var v = x.Numeric[NumericFeatures[j]]![row];
            var imputed = float.IsNaN(v) ? Means[j] : v;
            output[j] = (float)((imputed - Means[j]) * Scales[j]);
        }

        for (var j = 0; j < CategoricalFeatures.Length; j++)
        {
            var code = x.Codes[CategoricalFeatures[j]]![row];
            if (code >= 0)
            {
                output[BlockOffsets[j] + code] = 1;
            }
        }
    }

    /// <summary>The standardised numeric columns only, row-major [rows, numeric features].</summary>
    public double[] NumericBlock(EncodedFeatures x)
    {
        var p = NumericFeatures.Length;
        var block = new double[(long)x.RowCount * p];
        Parallel.For(0, p, j =>
        {
            var values = x.Numeric[NumericFeatures[j]]!;
            for (var r = 0; r < values.Length; r++)
            {
                var imputed = float.IsNaN(values[r]) ? Means[j] : values[r];
                block[((long)r * p) + j] = (float)((imputed - Means[j]) * Scales[j]);
            }
        });
        return block;
    }

    /// <summary>The one-hot part as the active column per row and categorical feature (-1 when none), row-major.</summary>
    public int[] ActiveColumns(EncodedFeatures x)
    {
        var c = CategoricalFeatures.Length;
        var active = new int[(long)x.RowCount * c];
        for (var j = 0; j < c; j++)
        {
            var codes = x.Codes[CategoricalFeatures[j]]!;
            for (var r = 0; r < codes.Length; r++)
            {
                active[((long)r * c) + j] = codes[r] < 0 ? -1 : BlockOffsets[j] + codes[r];
            }
        }

        return active;
    }

    /// <summary>The whole matrix, row-major.</summary>
    public double[] Dense(EncodedFeatures x)
    {
        var width = Width;
        var matrix = new double[(long)x.RowCount * width];
        Parallel.For(0, (x.RowCount + 4095) / 4096, chunk =>
        {
            var end = Math.Min(x.RowCount, (chunk + 1) * 4096);
            for (var r = chunk * 4096; r < end; r++)
            {
                Row(x, r, matrix.AsSpan(r * width, width));
            }
        });
        return matrix;
    }
}
