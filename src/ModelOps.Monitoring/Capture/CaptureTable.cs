using System.Globalization;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// The rows of one future capture file, column by column: every request appended has the same <see cref="CaptureLayout"/>.
/// Request threads fill it under the capture's lock; once full or old enough it is the writer's alone, and disposing it gives
/// its pooled column arrays back.
/// </summary>
internal sealed class CaptureTable : IDisposable
{
    private readonly TextColumn _ids = new();
    private readonly ColumnBuffer<int> _rows = new();
    private readonly ColumnBuffer<long> _times = new();
    private readonly object[] _values;

    public CaptureTable(CaptureLayout layout, string model, int version, DateTimeOffset hour, CaptureShape shape, DateTimeOffset firstTime)
    {
        Layout = layout;
        Model = model;
        Version = version;
        Hour = hour;
        Columns = shape.Columns;
        FirstTime = firstTime;
        _values = shape.Columns.Select(c => (object)(c.Type switch
        {
            CaptureType.Float => new ColumnBuffer<float>(),
            CaptureType.Double => new ColumnBuffer<double>(),
            CaptureType.Long => new ColumnBuffer<long>(),
            _ => new TextColumn(),
        })).ToArray();
    }

    /// <summary>The layout every request of this table has (with <see cref="Hour"/>, the table's key in the writer).</summary>
    public CaptureLayout Layout { get; }

    public string Model { get; }

    public int Version { get; }

    public DateTimeOffset Hour { get; }

    public DateTimeOffset FirstTime { get; }

    public CaptureColumn[] Columns { get; }

    public int RowCount => _rows.Count;

    public ArraySegment<int> Rows => _rows.Items;

    public ArraySegment<long> Times => _times.Items;

    /// <summary>The request id of each row.</summary>
    public TextColumn Ids => _ids;

    /// <summary>The values of column <paramref name="index"/>: a <see cref="ColumnBuffer{T}"/> of float, double or long, or a <see cref="TextColumn"/>.</summary>
    public object Values(int index) => _values[index];

    public void Dispose()
    {
        _ids.Dispose();
        _rows.Dispose();
        _times.Dispose();
        foreach (var values in _values)
        {
            ((IDisposable)values).Dispose();
        }
    }

    public void Append(InferenceRecord record, int rows, CaptureShape shape)
    {
        var milliseconds = record.Time.ToUnixTimeMilliseconds();
        _ids.Add(record.RequestId, rows);
        for (var r = 0; r < rows; r++)
        {
            _rows.Add(r);
            _times.Add(milliseconds);
        }

        for (var c = 0; c < Columns.Length; c++)
        {
            var slot = shape.Slots[c];
            var value = (slot.Output ? record.Outputs : record.Inputs)[slot.Index].Value;
            if (value is SequenceValue sequence)
            {
                AppendMaps(_values[c], sequence, slot, rows);
                continue;
            }

            var data = ((Tensor)value).Data;
            switch (_values[c], data)
            {
                case (ColumnBuffer<float> target, float[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (ColumnBuffer<double> target, double[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (ColumnBuffer<long> target, long[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (TextColumn target, string[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                default:
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        Add(_values[c], data.GetValue(i));
                    }

                    break;
            }
        }
    }

    private static void AppendMaps(object target, SequenceValue sequence, ColumnSlot slot, int rows)
    {
        for (var r = 0; r < rows; r++)
        {
            Add(target, sequence.Items[r] is MapValue map && slot.Offset < map.Values.Length ? map.Values.Data.GetValue(slot.Offset) : null);
        }
    }

    /// <summary>Adds one element of a type without a fast path (integers, bool, half precision; map values).</summary>
    private static void Add(object target, object? element)
    {
        switch (target)
        {
            case ColumnBuffer<float> floats:
                floats.Add(element switch
                {
                    float f => f,
                    Half h => (float)h,
                    ushort bits => BitConverter.Int32BitsToSingle(bits << 16), // bfloat16's raw bits
                    null => float.NaN,
                    var v => Convert.ToSingle(v, CultureInfo.InvariantCulture),
                });
                break;
            case ColumnBuffer<double> doubles:
                doubles.Add(element is null ? double.NaN : Convert.ToDouble(element, CultureInfo.InvariantCulture));
                break;
            case ColumnBuffer<long> longs:
                longs.Add(element switch
                {
                    bool b => b ? 1 : 0,
                    ulong u => unchecked((long)u),
                    null => 0,
                    var v => Convert.ToInt64(v, CultureInfo.InvariantCulture),
                });
                break;
            case TextColumn texts:
                texts.Add(element as string);
                break;
        }
    }
}
