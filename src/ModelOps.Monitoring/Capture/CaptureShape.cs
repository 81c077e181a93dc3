using System.Globalization;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// How requests of one layout become rows (see <see cref="CaptureColumns"/>): the columns, and for each the value
/// (input or output, by position) and the element within a row it comes from. Computed once per layout
/// (<see cref="CaptureLayout"/>) and reused for every request of that layout, which then shares a file.
/// </summary>
internal sealed class CaptureShape
{
    private CaptureShape(CaptureColumn[] columns, ColumnSlot[] slots)
    {
        Columns = columns;
        Slots = slots;
    }

    public CaptureColumn[] Columns { get; }

    public ColumnSlot[] Slots { get; }

    public static CaptureShape Of(InferenceRecord record, int rows)
    {
        var columns = new List<CaptureColumn>();
        var slots = new List<ColumnSlot>();
        for (var i = 0; i < record.Inputs.Count; i++)
        {
            Add(record.Inputs[i].Name, record.Inputs[i].Value, output: false, i, rows, columns, slots);
        }

        for (var i = 0; i < record.Outputs.Count; i++)
        {
            Add(CaptureColumns.Prediction(record.Outputs[i].Name), record.Outputs[i].Value, output: true, i, rows, columns, slots);
        }

        return new CaptureShape([.. columns], [.. slots]);
    }

    /// <summary>The rows of a request: the first dimension of its first input with one (1 for scalars).</summary>
    public static int RowCount(InferenceRecord record)
    {
        foreach (var input in record.Inputs)
        {
            if (input.Value is Tensor { Shape.Length: > 0 } tensor)
            {
                return checked((int)tensor.Shape[0]);
            }
        }

        return 1;
    }

    /// <summary>Values per row of a value (0 when it is not shaped per row: a scalar parameter, a map).</summary>
    public static int Width(ModelValue value, int rows) => value switch
    {
        Tensor tensor when rows > 0 && (tensor.Shape.Length == 0 ? 1 : tensor.Shape[0]) == rows => tensor.Length / rows,
        SequenceValue { Items.Count: > 0 } sequence when sequence.Items.Count == rows && sequence.Items[0] is MapValue first => first.Keys.Length,
        _ => 0,
    };

    private static void Add(string name, ModelValue value, bool output, int index, int rows, List<CaptureColumn> columns, List<ColumnSlot> slots)
    {
        var width = Width(value, rows);
        for (var k = 0; k < width; k++)
        {
            string column;
            CaptureType type;
            if (value is Tensor tensor)
            {
                column = width == 1 ? name : CaptureColumns.Element(name, k.ToString(CultureInfo.InvariantCulture));
                type = TypeOf(tensor.ElementType);
            }
            else
            {
                var map = (MapValue)((SequenceValue)value).Items[0];
                column = CaptureColumns.Element(name, Convert.ToString(map.Keys.Data.GetValue(k), CultureInfo.InvariantCulture) ?? string.Empty);
                type = TypeOf(map.Values.ElementType);
            }

            columns.Add(new CaptureColumn(column, type));
            slots.Add(new ColumnSlot(output, index, width, k));
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

/// <summary>Where a column's values are: input or output <see cref="Index"/>, <see cref="Width"/> values per row, at <see cref="Offset"/>.</summary>
internal readonly record struct ColumnSlot(bool Output, int Index, int Width, int Offset);
