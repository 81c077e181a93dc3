namespace ModelOps.Training;

/// <summary>
/// In-process predictions, the same as the exported ONNX model's outputs: for classification
/// <see cref="Labels"/> and <see cref="Probabilities"/> (row-major [rows, classes], columns in class order);
/// for regression <see cref="Values"/>.
/// </summary>
public sealed class Prediction
{
    internal Prediction(int rowCount, string[] labels, double[] probabilities, double[] values, int classCount)
    {
        RowCount = rowCount;
        Labels = labels;
        Probabilities = probabilities;
        Values = values;
        ClassCount = classCount;
    }

    public int RowCount { get; }

    /// <summary>The number of classes (0 for regression).</summary>
    public int ClassCount { get; }

    /// <summary>The predicted class per row (empty for regression).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Class probabilities, row-major [rows, <see cref="ClassCount"/>] (empty for regression).</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The predicted value per row (empty for classification).</summary>
    public IReadOnlyList<double> Values { get; }

    public double Probability(int row, int classIndex) => Probabilities[(row * ClassCount) + classIndex];
}
