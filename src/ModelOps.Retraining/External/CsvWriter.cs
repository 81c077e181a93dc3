using ModelOps.Training.Data;

namespace ModelOps.Retraining;

/// <summary>Writes columns of a dataset as comma-separated UTF-8 text with a header (RFC 4180 quoting).</summary>
internal static class CsvWriter
{
    public static void Write(TabularDataset data, IReadOnlyList<string> columns, string path)
    {
        var selected = columns.Select(c => data[c]).ToArray();
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.WriteLine(string.Join(',', columns.Select(Quote)));
        for (var row = 0; row < data.RowCount; row++)
        {
            for (var c = 0; c < selected.Length; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                writer.Write(Quote(selected[c].TextAt(row) ?? string.Empty));
            }

            writer.WriteLine();
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
