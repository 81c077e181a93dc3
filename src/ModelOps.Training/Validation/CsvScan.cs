using System.Globalization;
using System.Text;
using ModelOps.Training.Data;

namespace ModelOps.Training.Validation;

/// <summary>
/// One streamed pass over a delimited file for validation: resolves separator and header, hands out well-formed rows,
/// and counts what makes a file unusable (ragged rows, invalid UTF-8, over-long records) with the first line of each.
/// </summary>
internal sealed class CsvScan : IDisposable
{
    private readonly Utf8CsvReader _reader;
    private readonly HashSet<string> _missing;
    private string[]? _pendingRow;
    private long _pendingLine;
    private bool _stopped;

    private CsvScan(Utf8CsvReader reader, HashSet<string> missing)
    {
        _reader = reader;
        _missing = missing;
    }

    /// <summary>Column names from the header (or Column1..N without one); empty for an empty file.</summary>
    public IReadOnlyList<string> Names { get; private set; } = [];

    public bool IsEmpty { get; private set; }

    /// <summary>The line of the last row handed out.</summary>
    public long LineNumber { get; private set; }

    public long Rows { get; private set; }

    public long RaggedRows { get; private set; }

    public long FirstRaggedLine { get; private set; }

    public int FirstRaggedFieldCount { get; private set; }

    public long InvalidUtf8Records { get; private set; }

    public long FirstInvalidUtf8Line { get; private set; }

    /// <summary>The line where an over-long record or a never-closed quote started (reading stopped there), or 0.</summary>
    public long MalformedLine { get; private set; }

    private bool _unterminated;

    public bool IsMissing(string text) => _missing.Contains(text);

    public static CsvScan Open(Func<Stream> open, ValidationOptions options)
    {
        var csv = options.Csv;
        var separator = csv.Separator ?? DetectSeparator(open, csv.CommentPrefix);
        if (!char.IsAscii(separator) || separator is '"' or '\n' or '\r')
        {
            throw new ArgumentException($"The separator must be an ASCII character other than a quote or line break, not '{separator}'.", nameof(options));
        }

        var scan = new CsvScan(
            new Utf8CsvReader(open(), separator, csv.CommentPrefix, options.MaxRecordBytes),
            new HashSet<string>(csv.MissingValues, StringComparer.Ordinal));
        scan.ReadHeader(csv.HasHeader);
        return scan;
    }

    private void ReadHeader(bool? hasHeader)
    {
        var status = _reader.Read(out var first);
        NoteUtf8();
        if (status is RecordStatus.TooLong or RecordStatus.UnterminatedQuote)
        {
            Malformed(status);
            return;
        }

        if (status == RecordStatus.End)
        {
            IsEmpty = true;
            _stopped = true;
            return;
        }

        var firstRow = first.ToArray();
        var header = hasHeader ?? !firstRow.Any(f => !_missing.Contains(f) && TryParseNumber(f, out _));
        if (header)
        {
            Names = firstRow.Select((n, i) => string.IsNullOrWhiteSpace(n) ? $"Column{i + 1}" : n).ToArray();
        }
        else
        {
            Names = Enumerable.Range(1, firstRow.Length).Select(i => $"Column{i}").ToArray();
            _pendingRow = firstRow;
            _pendingLine = _reader.LineNumber;
        }
    }

    /// <summary>The next row with as many fields as the header; ragged rows are counted and skipped.</summary>
    public bool TryNextRow(out IReadOnlyList<string> fields)
    {
        if (_pendingRow is not null)
        {
            fields = _pendingRow;
            LineNumber = _pendingLine;
            _pendingRow = null;
            Rows++;
            return true;
        }

        while (!_stopped)
        {
            var status = _reader.Read(out fields);
            if (status == RecordStatus.End)
            {
                break;
            }

            if (status is RecordStatus.TooLong or RecordStatus.UnterminatedQuote)
            {
                Malformed(status);
                break;
            }

            NoteUtf8();
            if (fields.Count != Names.Count)
            {
                if (RaggedRows++ == 0)
                {
                    FirstRaggedLine = _reader.LineNumber;
                    FirstRaggedFieldCount = fields.Count;
                }

                continue;
            }

            LineNumber = _reader.LineNumber;
            Rows++;
            return true;
        }

        _stopped = true;
        fields = [];
        return false;
    }

    private void Malformed(RecordStatus status)
    {
        MalformedLine = _reader.LineNumber;
        _unterminated = status == RecordStatus.UnterminatedQuote;
        _stopped = true;
    }

    private void NoteUtf8()
    {
        if (_reader.InvalidUtf8Line != 0 && InvalidUtf8Records++ == 0)
        {
            FirstInvalidUtf8Line = _reader.InvalidUtf8Line;
        }
    }

    /// <summary>The file-level anomalies found so far (call after the pass): empty, no rows, ragged, UTF-8, too long, duplicate names.</summary>
    public List<Anomaly> FileAnomalies()
    {
        var anomalies = new List<Anomaly>();
        if (IsEmpty)
        {
            anomalies.Add(new(null, AnomalyKind.EmptyFile, AnomalySeverity.Blocking,
                "The file is empty: it has no header and no rows.", "0 bytes of data", "a header and rows"));
            return anomalies;
        }

        if (MalformedLine != 0)
        {
            anomalies.Add(new(null, AnomalyKind.MalformedRecord, AnomalySeverity.Blocking,
                _unterminated
                    ? $"The record starting on line {MalformedLine} opens a quote that is never closed."
                    : $"The record starting on line {MalformedLine} is longer than the limit; is a quote left open? Reading stopped there.",
                $"line {MalformedLine}", _unterminated ? "closed quotes" : "records within the length limit"));
        }

        if (InvalidUtf8Records > 0)
        {
            anomalies.Add(new(null, AnomalyKind.InvalidUtf8, AnomalySeverity.Blocking,
                $"Line {FirstInvalidUtf8Line} holds bytes that are not UTF-8 ({InvalidUtf8Records} record(s) in all); save the file as UTF-8.",
                $"line {FirstInvalidUtf8Line}", "UTF-8 text"));
        }

        if (RaggedRows > 0)
        {
            anomalies.Add(new(null, AnomalyKind.RaggedRows, AnomalySeverity.Blocking,
                $"Line {FirstRaggedLine} has {FirstRaggedFieldCount} fields but the header has {Names.Count} columns ({RaggedRows} ragged row(s) in all).",
                $"{FirstRaggedFieldCount} fields on line {FirstRaggedLine}", $"{Names.Count} fields"));
        }

        foreach (var duplicate in Names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            anomalies.Add(new(duplicate.Key, AnomalyKind.DuplicateColumn, AnomalySeverity.Blocking,
                $"Column name '{duplicate.Key}' appears {duplicate.Count()} times in the header.", $"{duplicate.Count()} columns", "1 column"));
        }

        if (Rows == 0 && MalformedLine == 0)
        {
            anomalies.Add(new(null, AnomalyKind.NoRows, AnomalySeverity.Blocking,
                RaggedRows > 0 ? "The file has no well-formed rows." : "The file has a header but no rows.", "0 rows", "1 row or more"));
        }

        return anomalies;
    }

    internal static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static string Percent(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);

    internal static char DetectSeparator(Func<Stream> open, string? commentPrefix)
    {
        // Looks at the first 64 KiB only, so a file without line breaks cannot make this read it whole.
        using var stream = open();
        var buffer = new byte[1 << 16];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0 || (commentPrefix is not null && line.TrimStart('\uFEFF', ' ').StartsWith(commentPrefix, StringComparison.Ordinal)))
            {
                continue;
            }

            return CsvRecordReader.DetectSeparator(line);
        }

        return ',';
    }

    public void Dispose() => _reader.Dispose();
}
