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
    private readonly string? _commentPrefix;
    private readonly int _maxRecordBytes;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly List<string> _fields = [];
    private byte[] _field = new byte[256];
    private int _fieldLength;
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
                var b = ReadByte();
                if (b < 0)
                {
                    atEnd = true;
                    break;
                }

                any = true;
                if (++_recordBytes > _maxRecordBytes)
                {
                    return RecordStatus.TooLong;
                }

                if (quoted)
                {
                    if (b == '"')
                    {
                        if (PeekByte() == '"')
                        {
                            ReadByte();
                            Append((byte)'"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (b == '\n')
                        {
                            _nextLine++;
                        }

                        Append((byte)b);
                    }

                    continue;
                }

                if (b == '"' && blank)
                {
                    _fieldLength = 0;
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
                    Append((byte)b);
                    blank &= b is ' ' or '\t';
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
        if (InvalidUtf8Line == 0 && !Utf8.IsValid(bytes))
        {
            InvalidUtf8Line = LineOfInvalidByte(bytes);
        }

        var text = Encoding.UTF8.GetString(bytes);
        _fields.Add(wasQuoted ? text : text.Trim());
        _fieldLength = 0;
    }

    /// <summary>The line of the first invalid byte: the field's first line plus the newlines before that byte.</summary>
    private long LineOfInvalidByte(ReadOnlySpan<byte> field)
    {
        var index = 0;
        while (index < field.Length)
        {
            if (System.Buffers.OperationStatus.Done != Rune.DecodeFromUtf8(field[index..], out _, out var consumed))
            {
                break;
            }

            index += consumed;
        }

        return _fieldStartLine + field[..index].Count((byte)'\n');
    }

    private void Append(byte b)
    {
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }

        _field[_fieldLength++] = b;
    }

    private void SkipByteOrderMark()
    {
        if (PeekByte() == 0xEF && Fill(3) && _buffer[_position + 1] == 0xBB && _buffer[_position + 2] == 0xBF)
        {
            _position += 3;
        }
    }

    private int ReadByte()
    {
        if (_position == _length && !Fill(1))
        {
            return -1;
        }

        return _buffer[_position++];
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
