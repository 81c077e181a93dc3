using System.Globalization;
using System.Text;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// How one answered request becomes rows (see <see cref="CaptureColumns"/>): its row count, its columns, and where
/// each column's values are in the request's tensors. Requests of one version with the same shape share a
/// <see cref="Key"/> and so a file.
/// </summary>
internal sealed class CaptureShape
{
    private CaptureShape(int rows, CaptureColumn[] columns, ColumnSource[] sources, string key)
    {
        Rows = rows;
        Columns = columns;
        Sources = sources;
        Key = key;
    }

    public int Rows { get; }

    public CaptureColumn[] Columns { get; }

    public ColumnSource[] Sources { get; }

    /// <summary>The columns' names and types, one string: equal keys mean one file layout.</summary>
    public string Key { get; }

    public static CaptureShape Of(InferenceRecord record)
    {
        var rows = RowCount(record.Inputs);
        var columns = new List<CaptureColumn>();
        var sources = new List<ColumnSource>();
        foreach (var input in record.Inputs)
        {
            Add(input.Name, input.Value, rows, columns, sources);
        }

        foreach (var output in record.Outputs)
        {
            Add(CaptureColumns.Prediction(output.Name), output.Value, rows, columns, sources);
        }

        var key = new StringBuilder();
        foreach (var column in columns)
        {
            key.Append(column.Name).Append('\u001f').Append((int)column.Type).Append('\u001e');
        }

        return new CaptureShape(rows, [.. columns], [.. sources], key.ToString());
    }

    private static int RowCount(IReadOnlyList<NamedValue> inputs)
    {
        foreach (var input in inputs)
        {
            if (input.Value is Tensor { Shape.Length: > 0 } tensor)
            {
                return checked((int)tensor.Shape[0]);
            }
        }

        return 1;
    }

    private static void Add(string name, ModelValue value, int rows, List<CaptureColumn> columns, List<ColumnSource> sources)
    {
        switch (value)
        {
            case Tensor tensor:
                var tensorRows = tensor.Shape.Length == 0 ? 1 : tensor.Shape[0];
                if (tensorRows != rows || rows == 0)
                {
                    return; // A value not shaped per row (a scalar parameter) is not a feature.
                }

                var width = tensor.Length / rows;
                var type = TypeOf(tensor.ElementType);
                for (var k = 0; k < width; k++)
                {
                    columns.Add(new CaptureColumn(width == 1 ? name : CaptureColumns.Element(name, k.ToString(CultureInfo.InvariantCulture)), type));
                    sources.Add(new ColumnSource(tensor.Data, width, k));
                }

                break;
            case SequenceValue { Items.Count: > 0 } sequence when sequence.Items.Count == rows && sequence.Items[0] is MapValue first:
                for (var k = 0; k < first.Keys.Length; k++)
                {
                    var keyText = Convert.ToString(first.Keys.Data.GetValue(k), CultureInfo.InvariantCulture) ?? string.Empty;
                    columns.Add(new CaptureColumn(CaptureColumns.Element(name, keyText), TypeOf(first.Values.ElementType)));
                    sources.Add(new ColumnSource(sequence, first.Keys.Length, k));
                }

                break;
        }
    }

    private static CaptureType TypeOf(TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Float16 or TensorElementType.BFloat16 => CaptureType.Float,
        TensorElementType.Float64 => CaptureType.Double,
        TensorElementType.String => CaptureType.String,
        _ => CaptureType.Long,
    };
}

/// <summary>Where a column's values are: an element array (or a list of maps) with <see cref="Width"/> values per row, at <see cref="Offset"/>.</summary>
internal readonly record struct ColumnSource(object Values, int Width, int Offset);
