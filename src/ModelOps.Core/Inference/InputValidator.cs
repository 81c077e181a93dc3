using System.Globalization;
using ModelOps.Errors;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference;

/// <summary>
/// Checks a request against a model's signature before the runtime sees it, so every mistake comes back
/// naming the tensor and what is wrong with it.
/// </summary>
public static class InputValidator
{
    public static void Validate(string model, IReadOnlyList<ValueSpec> signature, IReadOnlyList<NamedValue> inputs, IReadOnlyList<string>? outputNames, IReadOnlyList<ValueSpec> outputs)
    {
        if (inputs.Count == 0)
        {
            throw ModelOpsException.Invalid($"The request has no inputs; model '{model}' takes {Describe(signature)}.");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            for (var j = 0; j < i; j++)
            {
                if (inputs[j].Name == input.Name)
                {
                    throw ModelOpsException.Invalid($"Input '{input.Name}' is given more than once.");
                }
            }

            var spec = Find(signature, input.Name)
                ?? throw ModelOpsException.Invalid($"Model '{model}' has no input named '{input.Name}'; it takes {Describe(signature)}.");
            ValidateOne(spec, input);
        }

        if (inputs.Count != signature.Count)
        {
            foreach (var spec in signature)
            {
                if (!inputs.Any(input => input.Name == spec.Name))
                {
                    throw ModelOpsException.Invalid($"Input '{spec.Name}' ({Describe(spec)}) is missing.");
                }
            }
        }

        if (outputNames is not null)
        {
            foreach (var name in outputNames)
            {
                if (Find(outputs, name) is null)
                {
                    throw ModelOpsException.Invalid($"Model '{model}' has no output named '{name}'; its outputs are {string.Join(", ", outputs.Select(o => $"'{o.Name}'"))}.");
                }
            }
        }
    }

    private static void ValidateOne(ValueSpec spec, NamedValue input)
    {
        if (spec.Kind != ValueKind.Tensor)
        {
            throw ModelOpsException.Invalid($"Input '{spec.Name}' is a {spec.OnnxType}, which cannot be sent over this protocol.");
        }

        if (input.Value is not Tensor tensor)
        {
            throw ModelOpsException.Invalid($"Input '{spec.Name}' must be a tensor.");
        }

        if (tensor.ElementType != spec.ElementType)
        {
            throw ModelOpsException.Invalid(
                $"Input '{spec.Name}' has datatype {tensor.ElementType.ToProtocolName()} but the model expects {spec.ElementType.ToProtocolName()}.");
        }

        // ONNX Runtime reports a tensor of unknown rank with no dimensions, like a scalar; it checks such inputs itself.
        if (spec.Shape.Count == 0)
        {
            return;
        }

        if (tensor.Shape.Length != spec.Shape.Count)
        {
            throw ModelOpsException.Invalid(
                $"Input '{spec.Name}' has shape {FormatShape(tensor.Shape)} (rank {tensor.Shape.Length}) but the model expects {FormatShape(spec.Shape)} (rank {spec.Shape.Count}).");
        }

        for (var d = 0; d < tensor.Shape.Length; d++)
        {
            var expected = spec.Shape[d];
            if (expected >= 0 && tensor.Shape[d] != expected)
            {
                throw ModelOpsException.Invalid(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Input '{spec.Name}' has shape {FormatShape(tensor.Shape)} but the model expects {FormatShape(spec.Shape)}: dimension {d} must be {expected}."));
            }
        }
    }

    private static ValueSpec? Find(IReadOnlyList<ValueSpec> specs, string name)
    {
        foreach (var spec in specs)
        {
            if (spec.Name == name)
            {
                return spec;
            }
        }

        return null;
    }

    /// <summary>A shape as the protocol writes it, with -1 for dynamic dimensions.</summary>
    public static string FormatShape(IEnumerable<long> shape) => "[" + string.Join(",", shape) + "]";

    private static string Describe(ValueSpec spec) =>
        spec.Kind == ValueKind.Tensor ? $"{spec.ElementType.ToProtocolName()} {FormatShape(spec.Shape)}" : spec.OnnxType;

    private static string Describe(IReadOnlyList<ValueSpec> signature) =>
        string.Join(", ", signature.Select(s => $"'{s.Name}' ({Describe(s)})"));
}
