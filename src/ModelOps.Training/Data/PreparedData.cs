namespace ModelOps.Training.Data;

/// <summary>A dataset reduced to what a trainer uses: checked features, their values and the encoded label.</summary>
internal sealed class PreparedData
{
    public required FeatureInfo[] Features { get; init; }

    public required EncodedFeatures X { get; init; }

    /// <summary>Class index per row (classification) or null.</summary>
    public int[]? ClassIndex { get; init; }

    /// <summary>Target per row (regression) or null.</summary>
    public double[]? Target { get; init; }

    public required string[] Classes { get; init; }

    public required bool IntegerClasses { get; init; }

    public required ModelTask Task { get; init; }

    public required List<string> Warnings { get; init; }

    public int RowCount => X.RowCount;
}
