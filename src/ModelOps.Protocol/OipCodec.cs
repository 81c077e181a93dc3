using System.Globalization;
using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Protocol;

/// <summary>
/// The Open Inference Protocol v2 REST body, to and from the core's <see cref="InferenceRequest"/> and
/// <see cref="InferenceResult"/>. Only translation lives here; validation against the model is the core's.
/// </summary>
public static class OipCodec
{
    private const int MaxElements = int.MaxValue / 2;

    public static InferenceRequest ReadRequest(JsonElement root, string model, int? version)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object with an 'inputs' array.");
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            id = idElement.ValueKind == JsonValueKind.String
                ? idElement.GetString()
                : throw ModelOpsException.Invalid("'id' must be a string.");
        }

        if (!root.TryGetProperty("inputs", out var inputsElement) || inputsElement.ValueKind != JsonValueKind.Array)
        {
            throw ModelOpsException.Invalid("The body must have an 'inputs' array.");
        }

        var inputs = new List<NamedValue>(inputsElement.GetArrayLength());
        var position = 0;
        foreach (var input in inputsElement.EnumerateArray())
        {
            inputs.Add(ReadInput(input, position++));
        }

        List<string>? outputs = null;
        if (root.TryGetProperty("outputs", out var outputsElement) && outputsElement.ValueKind != JsonValueKind.Null)
        {
            if (outputsElement.ValueKind != JsonValueKind.Array)
            {
                throw ModelOpsException.Invalid("'outputs' must be an array of {\"name\": ...} objects.");
            }

            outputs = [];
            foreach (var output in outputsElement.EnumerateArray())
            {
                var name = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    ? n.GetString()!
                    : throw ModelOpsException.Invalid("Each entry of 'outputs' must be an object with a string 'name'.");
                if (outputs.Contains(name))
                {
                    throw ModelOpsException.Invalid($"Output '{name}' is requested more than once.");
                }

                outputs.Add(name);
            }

            if (outputs.Count == 0)
            {
                outputs = null;
            }
        }

        return new InferenceRequest(model, version, inputs, outputs, id);
    }

    private static NamedValue ReadInput(JsonElement input, int position)
    {
        if (input.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"inputs[{position}] must be an object with name, shape, datatype and data."));
        }

        var name = input.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!
            : throw ModelOpsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"inputs[{position}] has no string 'name'."));

        var datatypeText = input.TryGetProperty("datatype", out var datatypeElement) && datatypeElement.ValueKind == JsonValueKind.String
            ? datatypeElement.GetString()
            : throw ModelOpsException.Invalid($"Input '{name}' has no string 'datatype'.");
        if (!TensorElementTypes.TryParseProtocolName(datatypeText, out var datatype))
        {
            throw ModelOpsException.Invalid($"Input '{name}' has datatype '{datatypeText}', which is not one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES.");
        }

        var shape = ReadShape(input, name);
        var count = Tensor.ElementCount(shape);
        if (count > MaxElements)
        {
            throw ModelOpsException.Invalid($"Input '{name}' has shape {InputValidator.FormatShape(shape)}, which is too large.");
        }

        if (!input.TryGetProperty("data", out var data))
        {
            throw ModelOpsException.Invalid($"Input '{name}' has no 'data'.");
        }

        var values = TensorJson.ReadData(data, datatype, (int)count, name);
        return new NamedValue(name, new Tensor(datatype, shape, values));
    }

    private static long[] ReadShape(JsonElement input, string name)
    {
        if (!input.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
        {
            throw ModelOpsException.Invalid($"Input '{name}' has no 'shape' array.");
        }

        var shape = new long[shapeElement.GetArrayLength()];
        var i = 0;
        foreach (var dim in shapeElement.EnumerateArray())
        {
            if (dim.ValueKind != JsonValueKind.Number || !dim.TryGetInt64(out var value) || value < 0)
            {
                throw ModelOpsException.Invalid($"Input '{name}' has shape {shapeElement.GetRawText()}: dimensions must be non-negative integers.");
            }

            shape[i++] = value;
        }

        try
        {
            Tensor.ElementCount(shape);
        }
        catch (OverflowException)
        {
            throw ModelOpsException.Invalid($"Input '{name}' has shape {shapeElement.GetRawText()}, which is too large.");
        }

        return shape;
    }

    public static void WriteResponse(Utf8JsonWriter writer, InferenceResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("model_name", result.Version.Name);
        writer.WriteString("model_version", result.Version.Version.ToString(CultureInfo.InvariantCulture));
        if (result.Id is not null)
        {
            writer.WriteString("id", result.Id);
        }

        WriteOutputs(writer, result.Outputs);
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>outputs</c> property: each output as a protocol tensor.</summary>
    public static void WriteOutputs(Utf8JsonWriter writer, IReadOnlyList<NamedValue> outputs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outputs);
        writer.WriteStartArray("outputs");
        foreach (var output in outputs)
        {
            WriteOutput(writer, output.Name, output.Value);
        }

        writer.WriteEndArray();
    }

    private static void WriteOutput(Utf8JsonWriter writer, string name, ModelValue value)
    {
        var (tensor, keys) = ToTensor(name, value);
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WriteStartArray("shape");
        foreach (var dim in tensor.Shape)
        {
            writer.WriteNumberValue(dim);
        }

        writer.WriteEndArray();
        writer.WriteString("datatype", tensor.ElementType.ToProtocolName());
        if (keys is not null)
        {
            // A map (or list of maps, e.g. per-class probabilities) travels as a tensor whose last axis follows these keys.
            writer.WriteStartObject("parameters");
            writer.WritePropertyName("keys");
            TensorJson.WriteData(writer, keys);
            writer.WriteEndObject();
        }

        writer.WritePropertyName("data");
        TensorJson.WriteData(writer, tensor);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The protocol carries tensors only: a map becomes its values with its keys alongside, a sequence of maps with
    /// the same keys (scikit-learn's ZipMap) a [N, K] tensor.
    /// </summary>
    public static (Tensor Tensor, Tensor? Keys) ToTensor(string name, ModelValue value)
    {
        switch (value)
        {
            case Tensor tensor:
                return (tensor, null);
            case MapValue map:
                return (map.Values, map.Keys);
            case SequenceValue { Items.Count: > 0 } sequence when sequence.Items[0] is MapValue first:
                var rows = sequence.Items.Count;
                var width = first.Values.Length;
                var values = first.Values.ElementType.CreateArray(checked(rows * width));
                for (var r = 0; r < rows; r++)
                {
                    if (sequence.Items[r] is not MapValue map || map.Values.Length != width)
                    {
                        throw new ModelOpsException(ErrorKind.InvalidInput, $"Output '{name}' is a sequence of maps with differing keys, which the protocol cannot carry; request other outputs.");
                    }

                    Array.Copy(map.Values.Data, 0, values, r * width, width);
                }

                return (new Tensor(first.Values.ElementType, [rows, width], values), first.Keys);
            case SequenceValue { Items.Count: 0 }:
                return (new Tensor(TensorElementType.Float32, [0], Array.Empty<float>()), null);
            default:
                throw ModelOpsException.Invalid($"Output '{name}' is a sequence the protocol cannot carry; request other outputs.");
        }
    }
}
