using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ModelOps.Protocol;
using ModelOps.Runtime;
using ModelOps.Tensors;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// The prediction columns of a model's answers and how to read them row by row: for a classifier <c>label</c> and
/// <c>probability_&lt;class&gt;</c> per class; otherwise each output by name (<c>prediction</c> for the platform's
/// regressors), <c>name_0</c>, <c>name_1</c>... for outputs of several values per row.
/// </summary>
internal sealed class OutputLayout
{
    private readonly Column[] _columns;

    private OutputLayout(Column[] columns) => _columns = columns;

    public IReadOnlyList<string> Names => [.. _columns.Select(c => c.Name)];

    /// <summary>The layout of these outputs (of a run of <paramref name="rows"/> rows).</summary>
    public static OutputLayout From(IReadOnlyList<NamedValue> outputs, ModelSignature signature, int rows)
    {
        var columns = new List<Column>();
        if (PredictionWriter.FindClassifier(outputs, signature) is { } classifier)
        {
            columns.Add(new Column("label", classifier.Label, 0));
            for (var k = 0; k < classifier.ClassNames.Length; k++)
            {
                columns.Add(new Column($"probability_{classifier.ClassNames[k]}", classifier.Probabilities, k));
            }

            return new OutputLayout([.. columns]);
        }

        for (var o = 0; o < outputs.Count; o++)
        {
            var (name, value) = outputs[o];
            switch (value)
            {
                case Tensor tensor when rows > 0 && (tensor.Shape.Length == 0 ? 1 : tensor.Shape[0]) == rows:
                    var width = tensor.Length / rows;
                    for (var j = 0; j < width; j++)
                    {
                        columns.Add(new Column(width == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}_{j}"), o, j));
                    }

                    break;
                case SequenceValue { Items.Count: > 0 } sequence when sequence.Items[0] is MapValue map:
                    for (var k = 0; k < map.Keys.Length; k++)
                    {
                        columns.Add(new Column($"{name}_{Convert.ToString(map.Keys.Data.GetValue(k), CultureInfo.InvariantCulture)}", o, k));
                    }

                    break;
                default:
                    throw new BatchTransformException($"Model output '{name}' has no row per input row, so it cannot be written as columns.");
            }
        }

        return new OutputLayout([.. columns]);
    }

    /// <summary>Writes row <paramref name="row"/>'s prediction cells as CSV (each preceded by the separator when <paramref name="leadingSeparator"/>).</summary>
    public void WriteCsv(IBufferWriter<byte> output, IReadOnlyList<NamedValue>? outputs, int row, byte separator, bool leadingSeparator)
    {
        for (var c = 0; c < _columns.Length; c++)
        {
            if (c > 0 || leadingSeparator)
            {
                output.Write([separator]);
            }

            if (outputs is not null)
            {
                CsvCells.WriteValue(output, Element(outputs, _columns[c], row), separator);
            }
        }
    }

    /// <summary>Writes row <paramref name="row"/>'s predictions as JSON properties (null values for a row that failed).</summary>
    public void WriteJson(Utf8JsonWriter writer, IReadOnlyList<NamedValue>? outputs, int row)
    {
        foreach (var column in _columns)
        {
            writer.WritePropertyName(column.Name);
            if (outputs is null)
            {
                writer.WriteNullValue();
                continue;
            }

            var (tensor, index) = Element(outputs, column, row);
            TensorJson.WriteElement(writer, tensor, index);
        }
    }

    /// <summary>The tensor and element index that hold a column's value for a row.</summary>
    private static (Tensor Tensor, int Index) Element(IReadOnlyList<NamedValue> outputs, Column column, int row)
    {
        switch (outputs[column.Output].Value)
        {
            case Tensor tensor:
                var rows = tensor.Shape.Length == 0 ? 1 : (int)tensor.Shape[0];
                var width = rows == 0 ? 0 : tensor.Length / rows;
                return (tensor, (row * width) + column.Offset);
            case SequenceValue sequence when sequence.Items[row] is MapValue map:
                return (map.Values, column.Offset);
            default:
                throw new BatchTransformException($"Model output '{outputs[column.Output].Name}' changed form between runs.");
        }
    }

    private sealed record Column(string Name, int Output, int Offset);
}
