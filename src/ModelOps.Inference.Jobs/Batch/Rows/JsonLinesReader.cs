using ModelOps.Training.Data;

namespace ModelOps.Inference.Jobs.Batch;

/// <summary>
/// Streams the lines of UTF-8 JSON-lines text, skipping blank ones, with each line's number and the byte offset just past
/// it, so a file can be split at line boundaries and read back in ranges. Only the current line is held (at most
/// <see cref="MaxLineBytes"/>).
/// </summary>
internal sealed class JsonLinesReader : IDisposable
{
    /// <summary>The longest line read; a longer one stops reading.</summary>
    public const int MaxLineBytes = 1 << 20;

    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _position;
    private int _length;
    private long _bufferOffset;
    private long _nextLine;
    private int _lineStart;
    private int _lineLength;
    private bool _end;
    private bool _started;

    public JsonLinesReader(Stream stream, long firstLine = 1)
    {
        _stream = stream;
        _nextLine = firstLine;
    }

    /// <summary>The number of the last line returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The offset just past the last line returned.</summary>
    public long NextOffset => _bufferOffset + _position;

    /// <summary>The line number at <see cref="NextOffset"/>.</summary>
    public long NextLine => _nextLine;

    /// <summary>The last line returned, without its line break (valid until the next read).</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>Reads the next line that is not blank: <see cref="RecordStatus.Record"/>, <c>End</c> or <c>TooLong</c>.</summary>
    public RecordStatus Read()
    {
        if (!_started)
        {
            _started = true;
            while (_length < 3 && !_end)
            {
                Fill();
            }

            if (_buffer.AsSpan(0, _length).StartsWith("\uFEFF"u8))
            {
                _position = 3;
            }
        }

        while (true)
        {
            var newline = _buffer.AsSpan(_position, _length - _position).IndexOf((byte)'\n');
            while (newline < 0 && !_end)
            {
                if (_length - _position >= MaxLineBytes)
                {
                    LineNumber = _nextLine;
                    return RecordStatus.TooLong;
                }

                Fill();
                newline = _buffer.AsSpan(_position, _length - _position).IndexOf((byte)'\n');
            }

            var available = _length - _position;
            if (newline < 0 && available == 0)
            {
                return RecordStatus.End;
            }

            var length = newline < 0 ? available : newline;
            _lineStart = _position;
            _lineLength = length > 0 && _buffer[_position + length - 1] == '\r' ? length - 1 : length;
            _position += newline < 0 ? length : length + 1;
            LineNumber = _nextLine++;
            if (_lineLength > MaxLineBytes)
            {
                return RecordStatus.TooLong;
            }

            if (Line.IndexOfAnyExcept(" \t"u8) >= 0)
            {
                return RecordStatus.Record;
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        var remaining = _length - _position;
        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, remaining);
            _bufferOffset += _position;
            _position = 0;
            _length = remaining;
        }

        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _end = true;
        }

        _length += read;
    }
}
