using System.Text;

namespace ModelOps.Core.Tests.Monitoring;

/// <summary>A small RFC 4180 reader for the shared tabular files (quoted fields with commas and doubled quotes).</summary>
internal sealed class CsvTable
{
    private CsvTable(string[] header, List<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public List<string[]> Rows { get; }

    public static CsvTable Read(string path)
    {
        var records = Parse(File.ReadAllText(path, Encoding.UTF8)).ToList();
        return new CsvTable(records[0], records.Skip(1).Where(r => r.Length == records[0].Length).ToList());
    }

    /// <summary>The values of <paramref name="name"/> in <paramref name="rows"/> (all rows when null); empty fields are null.</summary>
    public string?[] Column(string name, IEnumerable<string[]>? rows = null)
    {
        var index = Array.IndexOf(Header, name);
        Assert.True(index >= 0, $"No column {name}.");
        return (rows ?? Rows).Select(r => r[index].Length == 0 ? null : r[index]).ToArray();
    }

    private static IEnumerable<string[]> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                fields.Add(field.ToString());
                field.Clear();
                yield return fields.ToArray();
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields.ToArray();
        }
    }
}
