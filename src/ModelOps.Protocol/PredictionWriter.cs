using System.Globalization;
using System.Text.Json;
using ModelOps.Inference;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Protocol;

/// <summary>
/// Writes one prediction per row. A classifier (a label output beside a probability output) gives
/// <c>{"label": L, "probabilities": {"class": p}}</c>; a single-output model its value; others an object of outputs.
/// </summary>
public static class PredictionWriter
{
    /// <summary>Model metadata key listing class names, in probability-column order (JSON array), written by our trainers.</summary>
    public const string ClassesMetadataKey = "modelops.classes";

    public static void Write(Utf8JsonWriter writer, InferenceResult result, ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteStartObject();
        writer.WriteString("model", result.Version.Name);
        writer.WriteNumber("version", result.Version.Version);
        if (result.Id is not null)
        {
            writer.WriteString("id", result.Id);
        }

        WritePredictions(writer, result.Outputs, signature);
        writer.WriteEndObject();
    }

    /// <summary>Writes the <c>predictions</c> property: one prediction per row of <paramref name="outputs"/>.</summary>
    public static void WritePredictions(Utf8JsonWriter writer, IReadOnlyList<NamedValue> outputs, ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(outputs);
        writer.WriteStartArray("predictions");
        var rows = outputs.Count == 0 ? 0 : RowCount(outputs[0].Value);
        var classifier = FindClassifier(outputs, signature);
        for (var row = 0; row < rows; row++)
        {
            if (classifier is { } cls)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("label");
                WriteRowValue(writer, outputs[cls.Label].Value, row, scalarIfSingle: true);
                writer.WriteStartObject("probabilities");
                WriteProbabilities(writer, outputs[cls.Probabilities].Value, row, cls.ClassNames);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            else if (outputs.Count == 1)
            {
                WriteRowValue(writer, outputs[0].Value, row, scalarIfSingle: true);
            }
            else
            {
                writer.WriteStartObject();
                foreach (var output in outputs)
                {
                    writer.WritePropertyName(output.Name);
                    WriteRowValue(writer, output.Value, row, scalarIfSingle: true);
                }

                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// The classifier outputs of a result, when it has them: a tensor whose name holds "label" beside a probability output
    /// (a name holding "prob": an [N,K] float tensor or a sequence of maps), with the class of each probability column.
    /// </summary>
    public static ClassifierOutputs? FindClassifier(IReadOnlyList<NamedValue> outputs, ModelSignature signature)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(signature);
        int label = -1, probabilities = -1;
        for (var i = 0; i < outputs.Count; i++)
        {
            var name = outputs[i].Name;
            if (label < 0 && name.Contains("label", StringComparison.OrdinalIgnoreCase) && outputs[i].Value is Tensor)
            {
                label = i;
            }
            else if (probabilities < 0 && name.Contains("prob", StringComparison.OrdinalIgnoreCase) &&
                     (outputs[i].Value is SequenceValue || outputs[i].Value is Tensor { Shape.Length: 2, ElementType: TensorElementType.Float32 or TensorElementType.Float64 }))
            {
                probabilities = i;
            }
        }

        return label >= 0 && probabilities >= 0
            ? new ClassifierOutputs(label, probabilities, ClassNames(outputs[probabilities].Value, signature))
            : null;
    }

    private static string[] ClassNames(ModelValue probabilities, ModelSignature signature)
    {
        if (probabilities is SequenceValue { Items.Count: > 0 } sequence && sequence.Items[0] is MapValue map)
        {
            var keys = map.Keys;
            return Enumerable.Range(0, keys.Length).Select(i => Convert.ToString(keys.Data.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty).ToArray();
        }

        var width = probabilities is Tensor t ? (int)t.Shape[1] : 0;
        if (signature.Metadata.Custom.TryGetValue(ClassesMetadataKey, out var json))
        {
            try
            {
                var names = JsonSerializer.Deserialize<string[]>(json);
                if (names is not null && names.Length == width)
                {
                    return names;
                }
            }
            catch (JsonException)
            {
                // Fall back to column numbers below.
            }
        }

        return Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static void WriteProbabilities(Utf8JsonWriter writer, ModelValue probabilities, int row, string[] classNames)
    {
        switch (probabilities)
        {
            case SequenceValue sequence when sequence.Items[row] is MapValue map:
                for (var k = 0; k < map.Keys.Length; k++)
                {
                    writer.WritePropertyName(Convert.ToString(map.Keys.Data.GetValue(k), CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteScalar(writer, map.Values, k);
                }

                break;
            case Tensor tensor:
                var width = (int)tensor.Shape[1];
                for (var k = 0; k < width; k++)
                {
                    writer.WritePropertyName(classNames[k]);
                    WriteScalar(writer, tensor, (row * width) + k);
                }

                break;
        }
    }

    private static int RowCount(ModelValue value) => value switch
    {
        Tensor { Shape.Length: 0 } => 1,
        Tensor tensor => (int)tensor.Shape[0],
        SequenceValue sequence => sequence.Items.Count,
        _ => 1,
    };

    /// <summary>Row <paramref name="row"/> of an output: a scalar when a row holds one value, else a (nested) array.</summary>
    private static void WriteRowValue(Utf8JsonWriter writer, ModelValue value, int row, bool scalarIfSingle)
    {
        switch (value)
        {
            case Tensor { Shape.Length: 0 } scalar:
                WriteScalar(writer, scalar, 0);
                break;
            case Tensor tensor:
                var width = tensor.Shape[0] == 0 ? 0 : tensor.Length / (int)tensor.Shape[0];
                if (width == 1 && scalarIfSingle)
                {
                    WriteScalar(writer, tensor, row);
                }
                else
                {
                    WriteNested(writer, tensor, tensor.Shape.AsSpan(1), row * width);
                }

                break;
            case SequenceValue sequence when row < sequence.Items.Count && sequence.Items[row] is MapValue map:
                writer.WriteStartObject();
                for (var k = 0; k < map.Keys.Length; k++)
                {
                    writer.WritePropertyName(Convert.ToString(map.Keys.Data.GetValue(k), CultureInfo.InvariantCulture) ?? string.Empty);
                    WriteScalar(writer, map.Values, k);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static int WriteNested(Utf8JsonWriter writer, Tensor tensor, ReadOnlySpan<long> dims, int offset)
    {
        if (dims.IsEmpty)
        {
            WriteScalar(writer, tensor, offset);
            return offset + 1;
        }

        writer.WriteStartArray();
        for (var i = 0; i < dims[0]; i++)
        {
            offset = WriteNested(writer, tensor, dims[1..], offset);
        }

        writer.WriteEndArray();
        return offset;
    }

    private static void WriteScalar(Utf8JsonWriter writer, Tensor tensor, int index) => TensorJson.WriteElement(writer, tensor, index);
}
