namespace ModelOps.Training.Data;

/// <summary>How to read a delimited text file. Every property has a sensible default.</summary>
public sealed record CsvReadOptions
{
    /// <summary>The field separator; null detects it from the first line (comma, tab or semicolon, whichever occurs most).
    /// Unquoted fields are trimmed, so ", " and "; " separated files read as well.</summary>
    public char? Separator { get; init; }

    /// <summary>Whether the first line holds column names; null decides: a first line with no number in it is a header.
    /// Without a header, columns are named <c>Column1</c>, <c>Column2</c>, ...</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Texts that mean "missing" (compared after trimming, case-sensitive). Default: empty, <c>?</c>, <c>NA</c>.</summary>
    public IReadOnlyCollection<string> MissingValues { get; init; } = ["", "?", "NA"];

    /// <summary>Lines starting with this text (before any field) are skipped; default <c>//</c>. Null skips nothing.</summary>
    public string? CommentPrefix { get; init; } = "//";
}
