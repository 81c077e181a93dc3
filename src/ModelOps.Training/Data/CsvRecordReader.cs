using System.Text;

namespace ModelOps.Training.Data;

/// <summary>
/// Streams records from delimited text: quoted fields (with doubled quotes and embedded separators or newlines),
/// unquoted fields trimmed of surrounding spaces, blank lines and comment lines skipped.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly char _separator;
    private readonly string? _commentPrefix;
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = [];

    public CsvRecordReader(TextReader reader, char separator, string? commentPrefix)
    {
        _reader = reader;
        _separator = separator;
        _commentPrefix = commentPrefix;
    }

    /// <summary>The 1-based line on which the last record returned started.</summary>
    public long LineNumber { get; private set; }

    private long _nextLine = 1;

    /// <summary>Reads the next record's fields into a reused list; false at the end.</summary>
    public bool TryRead(out IReadOnlyList<string> fields)
    {
        while (true)
        {
            _fields.Clear();
            _field.Clear();
            LineNumber = _nextLine;
            var quoted = false;
            var wasQuoted = false;
            var any = false;
            int c;
            while (true)
            {
                c = _reader.Read();
                if (c < 0)
                {
                    break;
                }

                any = true;
                var ch = (char)c;
                if (quoted)
                {
                    if (ch == '"')
                    {
                        if (_reader.Peek() == '"')
                        {
                            _reader.Read();
                            _field.Append('"');
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (ch == '\n')
                        {
                            _nextLine++;
                        }

                        _field.Append(ch);
                    }

                    continue;
                }

                if (ch == '"' && IsBlank(_field))
                {
                    _field.Clear();
                    quoted = true;
                    wasQuoted = true;
                }
                else if (ch == _separator)
                {
                    AddField(wasQuoted);
                    wasQuoted = false;
                }
                else if (ch == '\n')
                {
                    _nextLine++;
                    break;
                }
                else if (ch != '\r' || _reader.Peek() != '\n')
                {
                    _field.Append(ch);
                }
            }

            if (!any)
            {
                fields = _fields;
                return false;
            }

            AddField(wasQuoted);
            if (_fields.Count == 1 && _fields[0].Length == 0)
            {
                if (c < 0)
                {
                    fields = _fields;
                    return false;
                }

                continue;
            }

            if (_commentPrefix is not null && _fields[0].StartsWith(_commentPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            fields = _fields;
            return true;
        }
    }

    private void AddField(bool wasQuoted)
    {
        _fields.Add(wasQuoted ? _field.ToString() : _field.ToString().Trim());
        _field.Clear();
    }

    private static bool IsBlank(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Picks the separator that occurs most often on the first non-comment line (outside quotes).</summary>
    public static char DetectSeparator(string firstLine)
    {
        var counts = new Dictionary<char, int> { [','] = 0, ['\t'] = 0, [';'] = 0 };
        var quoted = false;
        foreach (var ch in firstLine)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && counts.TryGetValue(ch, out var n))
            {
                counts[ch] = n + 1;
            }
        }

        var best = ',';
        foreach (var sep in new[] { ',', '\t', ';' })
        {
            if (counts[sep] > counts[best])
            {
                best = sep;
            }
        }

        return best;
    }
}
