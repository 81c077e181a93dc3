namespace ModelOps.Monitoring.Capture;

/// <summary>
/// A text column of a capture file (request ids, string features and predictions) kept as characters, not strings:
/// holding each request's strings until its file is written (seconds, tens of thousands of requests) would carry them
/// through every garbage collection on the way into the oldest generation. The encoder reads the values as slices of
/// the characters, so no string is made for a row at all. Filled under the capture's lock, then the writer's alone.
/// </summary>
internal sealed class TextColumn : IDisposable
{
    private readonly ColumnBuffer<char> _chars = new();
    private readonly ColumnBuffer<int> _starts = new();
    private readonly ColumnBuffer<int> _lengths = new(); // -1: null.

    public int Count => _starts.Count;

    /// <summary>Adds <paramref name="value"/> (null too) as the value of the next <paramref name="rows"/> rows, which share its characters.</summary>
    public void Add(string? value, int rows = 1)
    {
        var start = _chars.Count;
        _chars.AddRange(value.AsSpan());
        for (var r = 0; r < rows; r++)
        {
            _starts.Add(start);
            _lengths.Add(value?.Length ?? -1);
        }
    }

    /// <summary>Each row's value as a slice of the characters (null for a null value); valid until the next <see cref="Add"/> or <see cref="Dispose"/>, and the caller disposes it.</summary>
    public ColumnBuffer<ReadOnlyMemory<char>?> Slices()
    {
        var slices = new ColumnBuffer<ReadOnlyMemory<char>?>();
        ReadOnlyMemory<char> chars = _chars.Items;
        var starts = _starts.Items.AsSpan();
        var lengths = _lengths.Items.AsSpan();
        for (var r = 0; r < starts.Length; r++)
        {
            // Not a bare null: it would convert through char[] to an empty slice, and a null would be written as "".
            slices.Add(lengths[r] < 0 ? default(ReadOnlyMemory<char>?) : chars.Slice(starts[r], lengths[r]));
        }

        return slices;
    }

    public void Dispose()
    {
        _chars.Dispose();
        _starts.Dispose();
        _lengths.Dispose();
    }
}
