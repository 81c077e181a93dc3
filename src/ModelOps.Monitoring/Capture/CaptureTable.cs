using ModelOps.Tensors;

namespace ModelOps.Monitoring.Capture;

/// <summary>
/// The rows of one future capture file, column by column: every request appended has the same <see cref="CaptureShape.Key"/>.
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

    public void Append(string? id, DateTimeOffset time, CaptureShape shape)
    {
        var milliseconds = time.ToUnixTimeMilliseconds();
        for (var r = 0; r < shape.Rows; r++)
        {
            _ids.Add(id);
            _rows.Add(r);
            _times.Add(milliseconds);
        }

        for (var c = 0; c < Columns.Length; c++)
        {
            var source = shape.Sources[c];
            switch (_values[c])
            {
                case List<float> floats:
                    AppendFloats(floats, source, shape.Rows);
                    break;
                case List<double> doubles:
                    for (var r = 0; r < shape.Rows; r++)
                    {
                        doubles.Add(Convert.ToDouble(Element(source, r), System.Globalization.CultureInfo.InvariantCulture));
                    }

                    break;
                case List<long> longs:
                    for (var r = 0; r < shape.Rows; r++)
                    {
                        longs.Add(Element(source, r) switch
                        {
                            bool b => b ? 1 : 0,
                            ulong u => unchecked((long)u),
                            var v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture),
                        });
                    }

                    break;
                case List<string?> strings:
                    for (var r = 0; r < shape.Rows; r++)
                    {
                        strings.Add(Element(source, r) as string);
                    }

                    break;
            }
        }
    }

    private static void AppendFloats(List<float> target, ColumnSource source, int rows)
    {
        if (source.Values is float[] floats)
        {
            for (int r = 0, i = source.Offset; r < rows; r++, i += source.Width)
            {
                target.Add(floats[i]);
            }

            return;
        }

        for (var r = 0; r < rows; r++)
        {
            target.Add(Element(source, r) switch
            {
                float f => f,
                Half h => (float)h,
                ushort bits => BitConverter.Int32BitsToSingle(bits << 16), // bfloat16's raw bits
                var v => Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture),
            });
        }
    }

    private static object? Element(ColumnSource source, int row) => source.Values switch
    {
        Array array => array.GetValue((row * source.Width) + source.Offset),
        SequenceValue sequence when sequence.Items[row] is MapValue map && source.Offset < map.Values.Length => map.Values.Data.GetValue(source.Offset),
        _ => null,
    };
}
