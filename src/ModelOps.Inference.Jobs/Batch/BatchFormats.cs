namespace ModelOps.Inference.Jobs.Batch;

/// <summary>The input (and output) formats of batch transform.</summary>
public static class BatchFormats
{
    /// <summary>Delimited UTF-8 text with a header naming the columns (comma, tab or semicolon, detected per file).</summary>
    public const string Csv = "csv";

    /// <summary>One JSON value per line: an object of inputs by name (as <c>rows</c> of <c>/predict</c>) or an array (as <c>instances</c>).</summary>
    public const string JsonLines = "jsonl";

    public static bool IsKnown(string? format) => format is Csv or JsonLines;
}
