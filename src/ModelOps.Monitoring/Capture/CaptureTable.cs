using System.Globalization;
using ModelOps.Inference;
using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// The rows of one future capture file, column by column: every request appended has the same <see cref="CaptureLayout"/>.
/// Only the capture writer's loop touches it.
/// </summary>
internal sealed class CaptureTable
{
    private readonly List<string?> _ids = [];
    private readonly List<int> _rows = [];
    private readonly List<long> _times = [];
    private readonly object[] _values;

    public CaptureTable(string model, int version, DateTimeOffset hour, CaptureShape shape, DateTimeOffset firstTime)
    {
        Model = model;
        Version = version;
        Hour = hour;
        Columns = shape.Columns;
        FirstTime = firstTime;
        _values = shape.Columns.Select(c => (object)(c.Type switch
        {
            CaptureType.Float => new List<float>(),
            CaptureType.Double => new List<double>(),
            CaptureType.Long => new List<long>(),
            _ => new List<string?>(),
        })).ToArray();
    }

    public string Model { get; }

    public int Version { get; }

    public DateTimeOffset Hour { get; }

    public DateTimeOffset FirstTime { get; }

    public CaptureColumn[] Columns { get; }

    public int RowCount => _ids.Count;

    public IReadOnlyList<string?> Ids => _ids;

    public IReadOnlyList<int> Rows => _rows;

    public IReadOnlyList<long> Times => _times;

    /// <summary>The values of column <paramref name="index"/>: a List of float, double, long or string.</summary>
    public object Values(int index) => _values[index];

    public void Append(InferenceRecord record, int rows, CaptureShape shape)
    {
        var milliseconds = record.Time.ToUnixTimeMilliseconds();
        for (var r = 0; r < rows; r++)
        {
            _ids.Add(record.RequestId);
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
                case (List<float> target, float[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (List<double> target, double[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (List<long> target, long[] source):
                    for (int r = 0, i = slot.Offset; r < rows; r++, i += slot.Width)
                    {
                        target.Add(source[i]);
                    }

                    break;
                case (List<string?> target, string[] source):
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
            case List<float> floats:
                floats.Add(element switch
                {
                    float f => f,
                    Half h => (float)h,
                    ushort bits => BitConverter.Int32BitsToSingle(bits << 16), // bfloat16's raw bits
                    null => float.NaN,
                    var v => Convert.ToSingle(v, CultureInfo.InvariantCulture),
                });
                break;
            case List<double> doubles:
                doubles.Add(element is null ? double.NaN : Convert.ToDouble(element, CultureInfo.InvariantCulture));
                break;
            case List<long> longs:
                longs.Add(element switch
                {
                    bool b => b ? 1 : 0,
                    ulong u => unchecked((long)u),
                    null => 0,
                    var v => Convert.ToInt64(v, CultureInfo.InvariantCulture),
                });
                break;
            case List<string?> strings:
                strings.Add(element as string);
                break;
        }
    }
}
