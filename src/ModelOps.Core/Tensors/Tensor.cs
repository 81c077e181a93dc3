namespace ModelOps.Tensors;

/// <summary>
/// A dense, row-major tensor over a typed .NET array (see <see cref="TensorElementType"/> for which array).
/// </summary>
public sealed class Tensor : ModelValue
{
    public Tensor(TensorElementType elementType, long[] shape, Array data)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(data);
        if (data.GetType().GetElementType() != elementType.ClrType() || data.Rank != 1)
        {
            throw new ArgumentException(
                $"A {elementType.ToOnnxName()} tensor needs a one-dimensional {elementType.ClrType().Name}[], not {data.GetType().Name}.",
                nameof(data));
        }

        var count = ElementCount(shape);
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"Shape [{string.Join(',', shape)}] holds {count} elements but the data has {data.Length}.", nameof(data));
        }

        ElementType = elementType;
        Shape = shape;
        Data = data;
    }

    public TensorElementType ElementType { get; }

    /// <summary>Dimensions, outermost first; empty for a scalar.</summary>
    public long[] Shape { get; }

    /// <summary>The elements, row-major, in the array type that <see cref="ElementType"/> names.</summary>
    public Array Data { get; }

    public int Length => Data.Length;

    /// <summary>The elements as <typeparamref name="T"/>; throws if that is not the array's element type.</summary>
    public T[] As<T>() => Data as T[] ?? throw new InvalidOperationException(
        $"This tensor holds {ElementType.ToOnnxName()} ({Data.GetType().Name}), not {typeof(T).Name}[].");

    public static Tensor Create<T>(T[] data, params long[] shape)
    {
        if (!TensorElementTypes.TryFromArray(data, out var type))
        {
            throw new ArgumentException($"{typeof(T).Name} is not a tensor element type.", nameof(data));
        }

        return new Tensor(type.Value, shape, data);
    }

    /// <summary>The product of the dimensions (1 for a scalar); throws on a negative dimension or overflow.</summary>
    public static long ElementCount(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(shape));
            count = checked(count * dim);
        }

        return count;
    }

    public override string ToString() => $"tensor({ElementType.ToOnnxName()})[{string.Join(',', Shape)}]";
}
