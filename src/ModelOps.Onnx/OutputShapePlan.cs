using Microsoft.ML.OnnxRuntime;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Onnx;

/// <summary>
/// Which outputs' shapes are known before a run, and how to compute them: every dimension either fixed in the model or
/// named by a symbol (e.g. <c>batch</c>) that an input also carries, so it equals that input's dimension in the request.
/// Only numeric tensors of declared rank 1 or more qualify (ORT reports an undeclared shape like a scalar's, so rank 0 is
/// never trusted). Those outputs can be bound to buffers before the run; the rest are allocated by ORT.
/// </summary>
internal sealed class OutputShapePlan
{
    private readonly Dim[]?[] _outputs;

    private OutputShapePlan(Dim[]?[] outputs)
    {
        _outputs = outputs;
    }

    public static OutputShapePlan Create(InferenceSession session, ModelSignature signature)
    {
        var symbols = new Dictionary<string, Dim>(StringComparer.Ordinal);
        for (var i = 0; i < session.InputNames.Count; i++)
        {
            var input = session.InputMetadata[session.InputNames[i]];
            if (!input.IsTensor)
            {
                continue;
            }

            var names = input.SymbolicDimensions;
            for (var d = 0; d < names.Length; d++)
            {
                if (!string.IsNullOrEmpty(names[d]))
                {
                    symbols.TryAdd(names[d], new Dim(-1, i, d));
                }
            }
        }

        var outputs = new Dim[]?[signature.Outputs.Count];
        for (var o = 0; o < outputs.Length; o++)
        {
            outputs[o] = Plan(session.OutputMetadata[session.OutputNames[o]], signature.Outputs[o], symbols);
        }

        return new OutputShapePlan(outputs);
    }

    /// <summary>True when every output in <paramref name="slots"/> has a shape known before the run.</summary>
    public bool AllKnown(ReadOnlySpan<int> slots)
    {
        foreach (var slot in slots)
        {
            if (_outputs[slot] is null)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when at least one output's shape is known before a run.</summary>
    public bool AnyKnown => Array.Exists(_outputs, o => o is not null);

    /// <summary>
    /// The shape output <paramref name="slot"/> will have for these inputs (by input slot), or null when an input lacks
    /// the dimension the plan reads (the run then goes without pre-bound outputs and ORT reports the input's fault).
    /// </summary>
    public long[]? Resolve(int slot, Tensor[] inputsBySlot)
    {
        var dims = _outputs[slot]!;
        var shape = new long[dims.Length];
        for (var d = 0; d < dims.Length; d++)
        {
            var dim = dims[d];
            if (dim.InputSlot < 0)
            {
                shape[d] = dim.Fixed;
                continue;
            }

            var inputShape = inputsBySlot[dim.InputSlot].Shape;
            if (dim.InputDim >= inputShape.Length)
            {
                return null;
            }

            shape[d] = inputShape[dim.InputDim];
        }

        return shape;
    }

    private static Dim[]? Plan(NodeMetadata output, ValueSpec spec, Dictionary<string, Dim> symbols)
    {
        if (spec.Kind != ValueKind.Tensor || spec.ElementType == TensorElementType.String || spec.Shape.Count == 0)
        {
            return null;
        }

        var names = output.SymbolicDimensions;
        var dims = new Dim[spec.Shape.Count];
        for (var d = 0; d < dims.Length; d++)
        {
            if (spec.Shape[d] >= 0)
            {
                dims[d] = new Dim(spec.Shape[d], -1, -1);
            }
            else if (d < names.Length && !string.IsNullOrEmpty(names[d]) && symbols.TryGetValue(names[d], out var source))
            {
                dims[d] = source;
            }
            else
            {
                return null;
            }
        }

        return dims;
    }

    /// <summary>A fixed extent (<see cref="InputSlot"/> -1), or dimension <see cref="InputDim"/> of input <see cref="InputSlot"/>.</summary>
    private readonly record struct Dim(long Fixed, int InputSlot, int InputDim);
}
