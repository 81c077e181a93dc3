namespace ModelOps.Tensors;

/// <summary>An ONNX map: one-dimensional key and value tensors of equal length.</summary>
public sealed class MapValue : ModelValue
{
    public MapValue(Tensor keys, Tensor values)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(values);
        if (keys.Length != values.Length)
        {
            throw new ArgumentException($"A map needs as many values as keys ({keys.Length} keys, {values.Length} values).", nameof(values));
        }

        Keys = keys;
        Values = values;
    }

    public Tensor Keys { get; }

    public Tensor Values { get; }
}
