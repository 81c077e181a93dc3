using System.Globalization;
using ModelOps.Training.Validation;

namespace ModelOps.Training.Data;

/// <summary>
/// One streamed pass over a delimited file, for training and validation alike: resolves the header, hands out
/// well-formed rows (as the <see cref="Record"/> of the tokenizer), and counts what makes a file unusable (ragged
/// rows, invalid UTF-8, over-long records, a quote never closed) with the first line of each.
/// </summary>
internal sealed class CsvScan : IDisposable
{
    private readonly CsvReader _reader;
    private bool _pending;
    private bool _stopped;
    private bool _unterminated;

    private CsvScan(CsvReader reader, CellParser parser)
    {
        _reader = reader;
        Parser = parser;
    }

    /// <summary>The number rule and missing markers of the options the scan was opened with.</summary>
    public CellParser Parser { get; }

    /// <summary>The current row's fields (after <see cref="TryNextRow"/> returned true).</summary>
    public CsvReader Record => _reader;

    /// <summary>Column names from the header (or Column1..N without one); empty for an empty file.</summary>
    public IReadOnlyList<string> Names { get; private set; } = [];

    public bool IsEmpty { get; private set; }

    /// <summary>The line of the current row.</summary>
    public long LineNumber => _reader.LineNumber;

    public long Rows { get; private set; }

    public long RaggedRows { get; private set; }

    public long FirstRaggedLine { get; private set; }

    public int FirstRaggedFieldCount { get; private set; }

    public long InvalidUtf8Records { get; private set; }

    public long FirstInvalidUtf8Line { get; private set; }

    /// <summary>The line where an over-long record or a never-closed quote started (reading stopped there), or 0.</summary>
    public long MalformedLine { get; private set; }

    /// <summary><paramref name="options"/> with the separator detected when it is not set, so several passes detect it once.</summary>
    public static CsvReadOptions WithSeparator(Func<Stream> open, CsvReadOptions options)
    {
        options.EnsureValid();
        return options.Separator is null ? options with { Separator = CsvReader.DetectSeparator(open, options.CommentPrefix) } : options;
    }

    public static CsvScan Open(Func<Stream> open, CsvReadOptions options, CellParser parser)
    {
        options = WithSeparator(open, options);
        var scan = new CsvScan(new CsvReader(open(), options.Separator!.Value, options.CommentPrefix, options.MaxRecordBytes), parser);
        scan.ReadHeader(options.HasHeader);
        return scan;
    }

    private void ReadHeader(bool? hasHeader)
    {
        var status = _reader.Read();
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

        var count = _reader.FieldCount;
        var header = hasHeader ?? !Enumerable.Range(0, count).Any(i => Parser.Classify(_reader.Field(i), out _) == CellKind.Number);
        if (header)
        {
            Names = Enumerable.Range(0, count).Select(i => _reader.Text(i) is { } n && !string.IsNullOrWhiteSpace(n) ? n : $"Column{i + 1}").ToArray();
        }
        else
        {
            Names = Enumerable.Range(1, count).Select(i => $"Column{i}").ToArray();
            _pending = true;
        }
    }

    /// <summary>Moves to the next row with as many fields as the header; ragged rows are counted and skipped.</summary>
    public bool TryNextRow()
    {
        if (_pending)
        {
            _pending = false;
            Rows++;
            return true;
        }

        while (!_stopped)
        {
            var status = _reader.Read();
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
            if (_reader.FieldCount != Names.Count)
            {
                if (RaggedRows++ == 0)
                {
                    FirstRaggedLine = _reader.LineNumber;
                    FirstRaggedFieldCount = _reader.FieldCount;
                }

                continue;
            }

            Rows++;
            return true;
        }

        _stopped = true;
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

    /// <summary>The line an anomaly of <see cref="FileAnomalies"/> names, if any.</summary>
    public long? LineOf(AnomalyKind kind) => kind switch
    {
        AnomalyKind.MalformedRecord => MalformedLine,
        AnomalyKind.InvalidUtf8 => FirstInvalidUtf8Line,
        AnomalyKind.RaggedRows => FirstRaggedLine,
        _ => null,
    };

    /// <summary>The message for numbers without a float32 value in a numeric column, the same in training and validation.</summary>
    public static string NonFiniteMessage(string column, string example, long line, long count, CellParser parser) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Column '{column}' holds '{example}' on line {line} ({count} such value(s) in all): a number without a finite float32 value " +
            $"(NaN, an infinity, or beyond ±3.4e38). Write a missing value as {string.Join(", ", parser.MissingValues.Select(m => m.Length == 0 ? "an empty field" : $"'{m}'"))}.");

    internal static string Percent(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);

    public void Dispose() => _reader.Dispose();
}
