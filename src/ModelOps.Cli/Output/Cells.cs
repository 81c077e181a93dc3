using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace ModelOps.Cli.Output;

/// <summary>Table cells from JSON values: text escaped for Spectre's markup, objects as k=v lists, absent as "-".</summary>
public static class Cells
{
    public static string Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? Text(value) : "-";

    public static string Text(JsonElement value) => Markup.Escape(value.ValueKind switch
    {
        JsonValueKind.String when value.TryGetDateTimeOffset(out var time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        JsonValueKind.String => value.GetString() ?? "-",
        JsonValueKind.Null or JsonValueKind.Undefined => "-",
        JsonValueKind.Number => value.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : value.GetDouble().ToString("0.####", CultureInfo.InvariantCulture),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject().Select(p => $"{p.Name}={Text(p.Value)}")),
        _ => value.GetRawText(),
    });

    public static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray()
            : [];

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }
}
