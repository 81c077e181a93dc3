using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Rollouts;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Protocol;

/// <summary>
/// The plain JSON form of <c>/api/models/{model}/predict</c>: <c>{"rows":[{column: value}]}</c> (one input per
/// column) or <c>{"instances":[[...]]}</c> (one tensor input), answered with one prediction per row.
/// </summary>
public static class PredictCodec
{
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>
    /// The caller's request id (<c>"id"</c>, a string), or null when the body has none; the answer carries it (or one
    /// generated), and feedback labels refer to it.
    /// </summary>
    public static string? ReadId(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return id.ValueKind == JsonValueKind.String && id.GetString() is { Length: > 0 and <= RequestIds.MaxLength } text
            ? text
            : throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"'id' must be a non-empty string of at most {RequestIds.MaxLength} characters."));
    }

    /// <summary>
    /// Reads the value sticky routing by input keys on: the named column of the first row (its JSON text: a string's
    /// characters, a number as written, <c>true</c>/<c>false</c>); null for an <c>instances</c> body or a missing column.
    /// </summary>
    public static Func<string, string?> StickyInput(JsonElement root) => name =>
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array ||
            rows.GetArrayLength() == 0 || rows[0] is not { ValueKind: JsonValueKind.Object } first || !first.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0)
        {
            value = value[0];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.TryGetInt64(out var whole) ? StickyInputs.Text(whole) : StickyInputs.Text(value.GetDouble()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    };

    public static IReadOnlyList<NamedValue> ReadInputs(JsonElement root, string model, ModelSignature signature)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object with 'rows' or 'instances'.");
        }

        if (root.TryGetProperty("rows", out var rows))
        {
            return ReadRows(rows, model, signature);
        }

        if (root.TryGetProperty("instances", out var instances))
        {
            return ReadInstances(instances, model, signature);
        }

        throw ModelOpsException.Invalid("The body must have 'rows' (an array of objects, one property per input) or 'instances' (an array of rows for a single-input model).");
    }

    private static List<NamedValue> ReadRows(JsonElement rows, string model, ModelSignature signature)
    {
        if (rows.ValueKind != JsonValueKind.Array || rows.GetArrayLength() == 0)
        {
            throw ModelOpsException.Invalid("'rows' must be a non-empty array of objects.");
        }

        var count = rows.GetArrayLength();
        var index = 0;
        foreach (var row in rows.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Object)
            {
                throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"rows[{index}] must be an object with one property per input."));
            }

            foreach (var property in row.EnumerateObject())
            {
                if (signature.FindInput(property.Name) is null)
                {
                    throw ModelOpsException.Invalid(string.Create(
                        CultureInfo.InvariantCulture,
                        $"rows[{index}] has '{property.Name}', which model '{model}' does not take; its inputs are {string.Join(", ", signature.Inputs.Select(i => $"'{i.Name}'"))}."));
                }
            }

            index++;
        }

        var inputs = new List<NamedValue>(signature.Inputs.Count);
        foreach (var spec in signature.Inputs)
        {
            EnsureTensor(spec);
            var perRow = RowShape(spec, rows.EnumerateArray().First().TryGetProperty(spec.Name, out var first) ? first : default);
            var width = checked((int)Tensor.ElementCount(perRow));
            var data = spec.ElementType.CreateArray(checked(count * width));
            var r = 0;
            foreach (var row in rows.EnumerateArray())
            {
                if (!row.TryGetProperty(spec.Name, out var value))
                {
                    if (!spec.ElementType.IsFloatingPoint() && spec.ElementType != TensorElementType.String)
                    {
                        throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"rows[{r}] has no '{spec.Name}'."));
                    }

                    value = default; // missing: NaN for a number, the empty category for a string, as null is
                }

                FillRow(value, spec, data, r * width, width, r);
                r++;
            }

            inputs.Add(new NamedValue(spec.Name, new Tensor(spec.ElementType, [count, .. perRow], data)));
        }

        return inputs;
    }

    private static List<NamedValue> ReadInstances(JsonElement instances, string model, ModelSignature signature)
    {
        if (signature.Inputs.Count != 1)
        {
            throw ModelOpsException.Invalid($"'instances' works for single-input models; model '{model}' takes {signature.Inputs.Count} inputs: send 'rows' with one property per input.");
        }

        var spec = signature.Inputs[0];
        EnsureTensor(spec);
        if (instances.ValueKind != JsonValueKind.Array || instances.GetArrayLength() == 0)
        {
            throw ModelOpsException.Invalid("'instances' must be a non-empty array.");
        }

        var shape = new List<long>();
        for (var probe = instances; probe.ValueKind == JsonValueKind.Array; probe = probe.GetArrayLength() > 0 ? probe[0] : default)
        {
            shape.Add(probe.GetArrayLength());
            if (probe.GetArrayLength() == 0)
            {
                break;
            }
        }

        if (spec.Shape.Count == shape.Count + 1 && spec.Shape[^1] == 1)
        {
            shape.Add(1); // [[a],[b]] and [a,b] both fit an [N,1] input.
        }

        var dims = shape.ToArray();
        var data = TensorJson.ReadData(instances, spec.ElementType, checked((int)Tensor.ElementCount(dims)), spec.Name);
        return [new NamedValue(spec.Name, new Tensor(spec.ElementType, dims, data))];
    }

    /// <summary>The shape of one row's value for an input: the signature's dimensions after the batch axis.</summary>
    private static long[] RowShape(ValueSpec spec, JsonElement firstValue)
    {
        if (spec.Shape.Count == 0)
        {
            return []; // Unknown rank (or a scalar): one value per row, as a [N] tensor.
        }

        var rest = spec.Shape.Skip(1).ToArray();
        if (rest.Length == 1 && rest[0] < 0)
        {
            rest[0] = firstValue.ValueKind == JsonValueKind.Array ? firstValue.GetArrayLength() : 1;
        }

        if (rest.Any(d => d < 0))
        {
            throw ModelOpsException.Invalid($"Input '{spec.Name}' has shape {InputValidator.FormatShape(spec.Shape)}; rows can fill only inputs whose dimensions after the first are known.");
        }

        return rest;
    }

    private static void FillRow(JsonElement value, ValueSpec spec, Array data, int offset, int width, int row)
    {
        var name = spec.Name;
        if (value.ValueKind == JsonValueKind.Array)
        {
            if (value.GetArrayLength() != width)
            {
                throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"rows[{row}].{spec.Name} has {value.GetArrayLength()} values but the input takes {width} per row."));
            }

            var i = 0;
            foreach (var item in value.EnumerateArray())
            {
                TensorJson.SetElement(item, spec.ElementType, data, offset + i++, name, lenient: true);
            }

            return;
        }

        if (width != 1)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"rows[{row}].{spec.Name} must be an array of {width} values."));
        }

        if (value.ValueKind == JsonValueKind.Undefined)
        {
            TensorJson.SetElement(NullElement, spec.ElementType, data, offset, name, lenient: true);
            return;
        }

        TensorJson.SetElement(value, spec.ElementType, data, offset, name, lenient: true);
    }

    private static void EnsureTensor(ValueSpec spec)
    {
        if (spec.Kind != ValueKind.Tensor)
        {
            throw ModelOpsException.Invalid($"Input '{spec.Name}' is a {spec.OnnxType}; only tensor inputs can be filled from rows.");
        }
    }
}
