namespace ModelOps.Tensors;

/// <summary>An ONNX sequence: an ordered list of values of one type (for example ZipMap's list of maps).</summary>
public sealed class SequenceValue(IReadOnlyList<ModelValue> items) : ModelValue
{
    public IReadOnlyList<ModelValue> Items { get; } = items ?? throw new ArgumentNullException(nameof(items));
}
