using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ModelOps.Training.Validation;

/// <summary>
/// Streams records from UTF-8 delimited bytes with the quoting rules of <c>CsvRecordReader</c> (quoted fields with
/// doubled quotes and embedded separators or newlines, unquoted fields trimmed, blank and comment lines skipped),
/// and reports per record what that reader cannot: the line of the first byte sequence that is not UTF-8, and
/// records longer than a limit. Memory is bounded by the record limit; nothing but the current record is held.
/// </summary>
internal sealed class Utf8CsvReader : IDisposable
{
    private readonly Stream _stream;
    private readonly byte _separator;
    private readonly SearchValues<byte> _specials;
    private readonly string? _commentPrefix;
    private readonly int _maxRecordBytes;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly List<string> _fields = [];
    private byte[] _field = new byte[256];
    private int _fieldLength;
    private bool _fieldNonAscii;
    private long _fieldStartLine;
    private int _recordBytes;
    private int _position;
    private int _length;
    private long _nextLine = 1;
    private bool _started;

    public Utf8CsvReader(Stream stream, char separator, string? commentPrefix, int maxRecordBytes)
    {
        _stream = stream;
        _separator = (byte)separator;
        _specials = SearchValues.Create([(byte)separator, (byte)'"', (byte)'\n', (byte)'\r']);
        _commentPrefix = commentPrefix;
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line holding the first invalid UTF-8 bytes of the last record, or 0 when it was valid.</summary>
    public long InvalidUtf8Line { get; private set; }

    /// <summary>Reads the next record into a reused list: <see cref="RecordStatus.Record"/>, <see cref="RecordStatus.End"/>,
    /// <see cref="RecordStatus.TooLong"/> or <see cref="RecordStatus.UnterminatedQuote"/> (a quote still open at the end;
    /// reading stops at either).</summary>
    public RecordStatus Read(out IReadOnlyList<string> fields)
    {
        fields = _fields;
        if (!_started)
        {
            _started = true;
            SkipByteOrderMark();
        }

        while (true)
        {
            _fields.Clear();
            _fieldLength = 0;
            _fieldNonAscii = false;
            _recordBytes = 0;
            InvalidUtf8Line = 0;
            LineNumber = _nextLine;
            _fieldStartLine = _nextLine;
            var quoted = false;
            var wasQuoted = false;
            var blank = true;
            var any = false;
            var atEnd = false;
            while (true)
            {
                if (_position == _length && !Fill(1))
                {
                    atEnd = true;
                    break;
                }

                any = true;

                // Copy the run up to the next byte that matters in one go (vectorised searches).
                var available = _buffer.AsSpan(_position, _length - _position);
                var stop = quoted ? available.IndexOf((byte)'"') : available.IndexOfAny(_specials);
                var run = stop < 0 ? available : available[..stop];
                if (run.Length > 0)
                {
                    _recordBytes += run.Length;
                    if (_recordBytes > _maxRecordBytes)
                    {
                        return RecordStatus.TooLong;
                    }

                    if (quoted)
                    {
                        _nextLine += run.Count((byte)'\n');
                    }
                    else if (blank)
                    {
                        blank = run.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;
                    }

                    Append(run);
                    _position += run.Length;
                }

                if (stop < 0)
                {
                    continue;
                }

                var b = _buffer[_position++];
                if (++_recordBytes > _maxRecordBytes)
                {
                    return RecordStatus.TooLong;
                }

                if (quoted)
                {
                    // b is a quote: doubled it is a literal quote, otherwise it closes the field.
                    if (PeekByte() == '"')
                    {
                        _position++;
                        Append((byte)'"');
                    }
                    else
                    {
                        quoted = false;
                    }

                    continue;
                }

                if (b == '"' && blank)
                {
                    _fieldLength = 0;
                    _fieldNonAscii = false;
                    quoted = true;
                    wasQuoted = true;
                    blank = false;
                }
                else if (b == _separator)
                {
                    EndField(wasQuoted);
                    _fieldStartLine = _nextLine;
                    wasQuoted = false;
                    blank = true;
                }
                else if (b == '\n')
                {
                    _nextLine++;
                    break;
                }
                else if (b != '\r' || PeekByte() != '\n')
                {
                    Append(b);
                    blank = false;
                }
            }

            if (!any)
            {
                return RecordStatus.End;
            }

            if (quoted)
            {
                return RecordStatus.UnterminatedQuote;
            }

            EndField(wasQuoted);
            if (_fields.Count == 1 && _fields[0].Length == 0 && !wasQuoted)
            {
                if (atEnd)
                {
                    return RecordStatus.End;
                }

                continue;
            }

            if (_commentPrefix is not null && _fields[0].StartsWith(_commentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            return RecordStatus.Record;
        }
    }

    private void EndField(bool wasQuoted)
    {
        var bytes = _field.AsSpan(0, _fieldLength);
        if (_fieldNonAscii && InvalidUtf8Line == 0 && !Utf8.IsValid(bytes))
        {
            InvalidUtf8Line = LineOfInvalidByte(bytes);
        }

        var text = Encoding.UTF8.GetString(bytes);
        _fields.Add(wasQuoted ? text : text.Trim());
        _fieldLength = 0;
        _fieldNonAscii = false;
    }

    /// <summary>The line of the first invalid byte: the field's first line plus the newlines before that byte.</summary>
    private long LineOfInvalidByte(ReadOnlySpan<byte> field)
    {
        var index = 0;
        while (index < field.Length)
        {
            if (OperationStatus.Done != Rune.DecodeFromUtf8(field[index..], out _, out var consumed))
            {
                break;
            }

            index += consumed;
        }

        return _fieldStartLine + field[..index].Count((byte)'\n');
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (_fieldLength + bytes.Length > _field.Length)
        {
            Array.Resize(ref _field, Math.Max(_field.Length * 2, _fieldLength + bytes.Length));
        }

        bytes.CopyTo(_field.AsSpan(_fieldLength));
        _fieldLength += bytes.Length;
        _fieldNonAscii |= !Ascii.IsValid(bytes);
    }

    private void Append(byte b)
    {
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[_fieldLength++] = b;
        _fieldNonAscii |= b >= 0x80;
    }

    private void SkipByteOrderMark()
    {
        if (PeekByte() == 0xEF && Fill(3) && _buffer[_position + 1] == 0xBB && _buffer[_position + 2] == 0xBF)
        {
            _position += 3;
        }
    }

    private int PeekByte()
    {
        if (_position == _length && !Fill(1))
        {
            return -1;
        }

        return _buffer[_position];
    }

    /// <summary>Makes at least <paramref name="count"/> bytes available from <see cref="_position"/>, if the stream has them.</summary>
    private bool Fill(int count)
    {
        if (_length - _position >= count)
        {
            return true;
        }

        var remaining = _length - _position;
        Buffer.BlockCopy(_buffer, _position, _buffer, 0, remaining);
        _position = 0;
        _length = remaining;
        while (_length < count)
        {
            var read = _stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                return false;
            }

            _length += read;
        }

        return true;
    }

    public void Dispose() => _stream.Dispose();
}
