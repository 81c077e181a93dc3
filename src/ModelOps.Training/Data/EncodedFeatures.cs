namespace ModelOps.Training.Data;

/// <summary>
/// Feature values in model order: numeric features as float (NaN = missing), categorical ones as codes into
/// the feature's training categories (-1 = missing or unseen).
/// </summary>
internal sealed class EncodedFeatures
{
    public EncodedFeatures(int rowCount, float[]?[] numeric, int[]?[] codes)
    {
        RowCount = rowCount;
        Numeric = numeric;
        Codes = codes;
    }

    public int RowCount { get; }

    public float[]?[] Numeric { get; }

    public int[]?[] Codes { get; }

    /// <summary>Encodes <paramref name="data"/> for <paramref name="features"/>, mapping categories by their text.</summary>
    public static EncodedFeatures Encode(TabularDataset data, IReadOnlyList<FeatureInfo> features)
    {
        var numeric = new float[]?[features.Count];
        var codes = new int[]?[features.Count];
        for (var f = 0; f < features.Count; f++)
        {
            var feature = features[f];
            var column = data[feature.Name];
            if (feature.Kind == ColumnKind.Numeric)
            {
                if (column.Kind != ColumnKind.Numeric)
                {
                    throw new TrainingException(
                        $"Column '{feature.Name}' is numeric in the model but holds text here (e.g. '{column.Categories.FirstOrDefault()}').", feature.Name);
                }

                numeric[f] = column.Values;
                continue;
            }

            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < feature.Categories.Count; i++)
            {
                index[feature.Categories[i]] = i;
            }

            var encoded = new int[data.RowCount];
            if (column.Kind == ColumnKind.Categorical)
            {
                var map = column.Categories.Select(c => index.TryGetValue(c, out var k) ? k : -1).ToArray();
                var source = column.Codes;
                for (var r = 0; r < encoded.Length; r++)
                {
                    encoded[r] = source[r] < 0 ? -1 : map[source[r]];
                }
            }
            else
            {
                for (var r = 0; r < encoded.Length; r++)
                {
                    encoded[r] = column.TextAt(r) is { } text && index.TryGetValue(text, out var k) ? k : -1;
                }
            }

            codes[f] = encoded;
        }

        return new EncodedFeatures(data.RowCount, numeric, codes);
    }
}
