using ModelOps.Tensors;

namespace ModelOps.Runtime;

/// <summary>
/// What a model declares about one input or output.
/// </summary>
/// <param name="Name">The graph name.</param>
/// <param name="Kind">Tensor, sequence or map.</param>
/// <param name="ElementType">A tensor's element type; for a map, the value type; for a sequence, its elements' type.</param>
/// <param name="Shape">A tensor's dimensions, -1 where dynamic; empty for scalars and non-tensors.</param>
/// <param name="OnnxType">The full ONNX type, e.g. <c>tensor(float)</c> or <c>seq(map(int64,tensor(float)))</c>.</param>
/// <param name="MapKeyType">A map's key type (or a sequence of maps').</param>
public sealed record ValueSpec(
    string Name,
    ValueKind Kind,
    TensorElementType ElementType,
    IReadOnlyList<long> Shape,
    string OnnxType,
    TensorElementType? MapKeyType = null)
{
    /// <summary>A tensor's rank, or -1 for non-tensors.</summary>
    public int Rank => Kind == ValueKind.Tensor ? Shape.Count : -1;

    public static ValueSpec ForTensor(string name, TensorElementType elementType, params long[] shape) =>
        new(name, ValueKind.Tensor, elementType, shape, $"tensor({elementType.ToOnnxName()})");
}
