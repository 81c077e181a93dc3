namespace ModelOps.Training.Data;

/// <summary>How to read a delimited UTF-8 text file, for training (<see cref="TabularDataset.FromCsv(string, CsvReadOptions?)"/>)
/// and validation alike. Every property has a sensible default.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator; null detects it from the first line (comma, tab or semicolon, whichever occurs most).
    /// Unquoted fields are trimmed, so ", " and "; " separated files read as well. An ASCII character other than a quote
    /// or a line break.</summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first line holds column names; null decides: a first line with no number in it is a header.
    /// Without a header, columns are named <c>Column1</c>, <c>Column2</c>, ...</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Texts that mean "missing", compared exactly (ordinal) with the cell (unquoted cells are trimmed first).
    /// Default: empty, <c>?</c>, <c>NA</c>, <c>NaN</c>, <c>nan</c>. See <see cref="CellParser"/> for the whole rule.</summary>
    public IReadOnlyCollection<string> MissingValues { get; init; } = ["", "?", "NA", "NaN", "nan"];

    /// <summary>Lines starting with this text (after leading spaces) are skipped; default <c>//</c>. Null skips nothing.</summary>
    public string? CommentPrefix { get; init; } = "//";

    /// <summary>A record longer than this many bytes stops reading (usually an unterminated quote); it bounds memory.
    /// At least 1024. Default 1 MiB.</summary>
    public int MaxRecordBytes { get; init; } = 1 << 20;

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void EnsureValid()
    {
        ArgumentNullException.ThrowIfNull(MissingValues);
        if (Separator is { } separator && (!char.IsAscii(separator) || separator is '"' or '\n' or '\r'))
        {
            throw new ArgumentException($"{nameof(Separator)} must be an ASCII character other than a quote or line break, not '{separator}'.", nameof(Separator));
        }

        if (MaxRecordBytes < 1024)
        {
            throw new ArgumentException($"{nameof(MaxRecordBytes)} must be at least 1024, not {MaxRecordBytes}.", nameof(MaxRecordBytes));
        }

        if (CommentPrefix is { Length: 0 })
        {
            throw new ArgumentException($"{nameof(CommentPrefix)} must be null or non-empty.", nameof(CommentPrefix));
        }
    }
}
