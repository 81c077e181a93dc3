using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference.Batching;

/// <summary>
/// Whether a model's requests can be concatenated along their first dimension and its answers split back: every input a
/// tensor whose first dimension is dynamic (the batch dimension), every output a tensor whose first dimension is dynamic
/// or a sequence (one item per row, e.g. scikit-learn's ZipMap). Models with a fixed first dimension, scalar or
/// unknown-rank inputs, or map outputs are never batched.
/// </summary>
public static class BatchPlan
{
    /// <summary>Null when the signature can be batched, else why not.</summary>
    public static string? Check(ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.Inputs.Count == 0)
        {
            return "the model takes no inputs";
        }

        foreach (var input in signature.Inputs)
        {
            if (input.Kind != ValueKind.Tensor || input.Shape.Count == 0 || input.Shape[0] >= 0)
            {
                return $"input '{input.Name}' has no dynamic first dimension";
            }
        }

        foreach (var output in signature.Outputs)
        {
            var splits = output.Kind == ValueKind.Sequence || (output.Kind == ValueKind.Tensor && output.Shape.Count > 0 && output.Shape[0] < 0);
            if (!splits)
            {
                return $"output '{output.Name}' has no dynamic first dimension";
            }
        }

        return null;
    }

    /// <summary>
    /// The request's inputs in signature order and its row count, when every input is a tensor with the same, non-zero
    /// first dimension; false otherwise (such a request runs alone).
    /// </summary>
    internal static bool TryOrder(ModelSignature signature, IReadOnlyList<NamedValue> inputs, out Tensor[] ordered, out int rows)
    {
        ordered = new Tensor[signature.Inputs.Count];
        rows = 0;
        if (inputs.Count != ordered.Length)
        {
            return false;
        }

        foreach (var input in inputs)
        {
            var slot = IndexOf(signature.Inputs, input.Name);
            if (slot < 0 || ordered[slot] is not null || input.Value is not Tensor { Shape.Length: > 0 } tensor)
            {
                return false;
            }

            if (tensor.Shape[0] is <= 0 or > int.MaxValue || (rows != 0 && tensor.Shape[0] != rows))
            {
                return false;
            }

            rows = (int)tensor.Shape[0];
            ordered[slot] = tensor;
        }

        return true;
    }

    private static int IndexOf(IReadOnlyList<ValueSpec> specs, string name)
    {
        for (var i = 0; i < specs.Count; i++)
        {
            if (specs[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
