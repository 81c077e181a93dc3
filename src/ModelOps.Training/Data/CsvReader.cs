using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ModelOps.Training.Data;

/// <summary>
/// The one CSV tokenizer, for training and validation: streams records from UTF-8 bytes. Quoted fields may hold
/// separators, doubled quotes and line breaks; unquoted fields are trimmed of white space; blank lines and comment
/// lines are skipped; a UTF-8 byte order mark is skipped; CRLF and LF both end a line. Per record it reports the line
/// it started on, the line of the first byte sequence that is not UTF-8, and records longer than a limit. Memory is
/// bounded by that limit: only the current record is held, as bytes, and fields are handed out as spans over it.
/// A reader may start at any record boundary of a file (<see cref="NextOffset"/> of an earlier reader), given the line
/// number there, so a file can be read in ranges by several readers.
/// </summary>
public sealed class CsvReader : IDisposable
{
    private const int DetectionBytes = 1 << 16;
    private readonly Stream _stream;
    private readonly byte _separator;
    private readonly SearchValues<byte> _specials;
    private readonly byte[]? _commentPrefix;
    private readonly int _maxRecordBytes;
    private readonly byte[] _buffer = new byte[1 << 16];
    private byte[] _record = new byte[1024];
    private int _recordLength;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private int _count;
    private char[] _chars = new char[256];
    private int _fieldStart;
    private bool _fieldNonAscii;
    private long _fieldStartLine;
    private int _recordBytes;
    private int _position;
    private int _length;
    private long _nextLine;
    private long _bufferOffset;
    private bool _started;

    /// <param name="stream">UTF-8 text from a record boundary on.</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="commentPrefix">Lines starting with this (after spaces) are skipped; null skips none.</param>
    /// <param name="maxRecordBytes">A longer record stops reading with <see cref="RecordStatus.TooLong"/>.</param>
    /// <param name="firstLine">The line number of the stream's first byte in its file.</param>
    public CsvReader(Stream stream, char separator, string? commentPrefix, int maxRecordBytes, long firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _nextLine = firstLine;
        _stream = stream;
        _separator = (byte)separator;
        _specials = SearchValues.Create([(byte)separator, (byte)'"', (byte)'\n', (byte)'\r']);
        _commentPrefix = commentPrefix is null ? null : Encoding.UTF8.GetBytes(commentPrefix);
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The line holding the first invalid UTF-8 bytes of the last record, or 0 when it was valid.</summary>
    public long InvalidUtf8Line { get; private set; }

    /// <summary>The offset in the stream just past the last record returned: where the next reader of a range starts.</summary>
    public long NextOffset => _bufferOffset + _position;

    /// <summary>The line number at <see cref="NextOffset"/>.</summary>
    public long NextLine => _nextLine;

    /// <summary>The number of fields in the last record.</summary>
    public int FieldCount => _count;

    /// <summary>A field of the last record as UTF-8 bytes (valid until the next <see cref="Read"/>).</summary>
    public ReadOnlySpan<byte> Field(int index) => _record.AsSpan(_starts[index], _lengths[index]);

    /// <summary>A field of the last record decoded into a shared buffer (valid until the next call).</summary>
    public ReadOnlySpan<char> Chars(int index)
    {
        var bytes = Field(index);
        if (_chars.Length < bytes.Length)
        {
            _chars = new char[Math.Max(bytes.Length, _chars.Length * 2)];
        }

        return _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
    }

    /// <summary>A field of the last record as a new string.</summary>
    public string Text(int index) => Encoding.UTF8.GetString(Field(index));

    /// <summary>Reads the next record: <see cref="RecordStatus.Record"/>, <see cref="RecordStatus.End"/>,
    /// <see cref="RecordStatus.TooLong"/> or <see cref="RecordStatus.UnterminatedQuote"/> (a quote still open at the end;
    /// reading stops at either).</summary>
    public RecordStatus Read()
    {
        if (!_started)
        {
            _started = true;
            SkipByteOrderMark();
        }

        while (true)
        {
            _count = 0;
            _recordLength = 0;
            _fieldStart = 0;
            _fieldNonAscii = false;
            _recordBytes = 0;
            InvalidUtf8Line = 0;
            LineNumber = _nextLine;
            _fieldStartLine = _nextLine;
            if (SkipCommentLine())
            {
                continue;
            }

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
                    _recordLength = _fieldStart;
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
            if (_count == 1 && _lengths[0] == 0 && !wasQuoted)
            {
                if (atEnd)
                {
                    return RecordStatus.End;
                }

                continue;
            }

            return RecordStatus.Record;
        }
    }

    /// <summary>Picks the separator (comma, tab or semicolon) that occurs most often outside quotes on the first line
    /// that is neither blank nor a comment, within the first 64 KiB (so a file without line breaks is not read whole).
    /// Comma when none occurs.</summary>
    public static char DetectSeparator(Func<Stream> open, string? commentPrefix)
    {
        var buffer = new byte[DetectionBytes];
        var length = 0;
        using (var stream = open())
        {
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }
        }

        var text = buffer.AsSpan(0, length);
        if (text.StartsWith(Encoding.UTF8.Preamble))
        {
            text = text[Encoding.UTF8.Preamble.Length..];
        }

        var prefix = commentPrefix is null ? null : Encoding.UTF8.GetBytes(commentPrefix);
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range].Trim(" \t\r"u8);
            if (line.Length == 0 || (prefix is not null && line.StartsWith(prefix)))
            {
                continue;
            }

            int commas = 0, tabs = 0, semicolons = 0;
            var quoted = false;
            foreach (var b in line)
            {
                switch (b)
                {
                    case (byte)'"':
                        quoted = !quoted;
                        break;
                    case (byte)',' when !quoted:
                        commas++;
                        break;
                    case (byte)'\t' when !quoted:
                        tabs++;
                        break;
                    case (byte)';' when !quoted:
                        semicolons++;
                        break;
                    default:
                        break;
                }
            }

            return semicolons > Math.Max(commas, tabs) ? ';' : tabs > commas ? '\t' : ',';
        }

        return ',';
    }

    /// <summary>At the start of a record: when the line begins (after spaces and tabs) with the comment prefix,
    /// consumes it through its line break, whatever it holds (quotes included).</summary>
    private bool SkipCommentLine()
    {
        if (_commentPrefix is null)
        {
            return false;
        }

        var offset = 0;
        while (true)
        {
            if (offset + _commentPrefix.Length > _buffer.Length || !Fill(offset + 1))
            {
                return false;
            }

            if (_buffer[_position + offset] is not ((byte)' ' or (byte)'\t'))
            {
                break;
            }

            offset++;
        }

        if (!Fill(offset + _commentPrefix.Length) || !_buffer.AsSpan(_position + offset, _commentPrefix.Length).SequenceEqual(_commentPrefix))
        {
            return false;
        }

        _position += offset + _commentPrefix.Length;
        while (_position < _length || Fill(1))
        {
            var newline = _buffer.AsSpan(_position, _length - _position).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _position += newline + 1;
                _nextLine++;
                return true;
            }

            _position = _length;
        }

        return true;
    }

    private void EndField(bool wasQuoted)
    {
        var start = _fieldStart;
        var bytes = _record.AsSpan(start, _recordLength - start);
        if (_fieldNonAscii && InvalidUtf8Line == 0 && !Utf8.IsValid(bytes))
        {
            InvalidUtf8Line = LineOfInvalidByte(bytes);
        }

        var (offset, length) = wasQuoted ? (0, bytes.Length) : TrimWhiteSpace(bytes);
        if (_count == _starts.Length)
        {
            Array.Resize(ref _starts, _count * 2);
            Array.Resize(ref _lengths, _count * 2);
        }

        _starts[_count] = start + offset;
        _lengths[_count] = length;
        _count++;
        _fieldStart = _recordLength;
        _fieldNonAscii = false;
    }

    /// <summary>The field without leading and trailing white space (as <see cref="string.Trim()"/> would remove).</summary>
    private static (int Offset, int Length) TrimWhiteSpace(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0 || (bytes[0] is > (byte)' ' and < 0x80 && bytes[^1] is > (byte)' ' and < 0x80))
        {
            return (0, bytes.Length);
        }

        var start = 0;
        while (start < bytes.Length)
        {
            var consumed = 1;
            if (bytes[start] < 0x80
                ? !char.IsWhiteSpace((char)bytes[start])
                : Rune.DecodeFromUtf8(bytes[start..], out var rune, out consumed) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                break;
            }

            start += consumed;
        }

        var end = bytes.Length;
        while (end > start)
        {
            var consumed = 1;
            if (bytes[end - 1] < 0x80
                ? !char.IsWhiteSpace((char)bytes[end - 1])
                : Rune.DecodeLastFromUtf8(bytes[start..end], out var rune, out consumed) != OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                break;
            }

            end -= consumed;
        }

        return (start, end - start);
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
        if (_recordLength + bytes.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + bytes.Length));
        }

        bytes.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += bytes.Length;
        _fieldNonAscii |= !Ascii.IsValid(bytes);
    }

    private void Append(byte b)
    {
        if (_recordLength == _record.Length)
        {
            Array.Resize(ref _record, _record.Length * 2);
        }

        _record[_recordLength++] = b;
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
        _bufferOffset += _position;
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
