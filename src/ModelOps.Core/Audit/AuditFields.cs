using System.Globalization;
using System.Text.Json;
using ModelOps.Serialization;

namespace ModelOps.Audit;

/// <summary>Builds <see cref="FieldChange"/>s: small values as text, large ones cut, unchanged ones left out.</summary>
public static class AuditFields
{
    public const int MaxValueLength = 512;

    /// <summary>The change of one field, or nothing when before and after are equal.</summary>
    public static IEnumerable<FieldChange> Of(string field, object? before, object? after)
    {
        var b = Text(before);
        var a = Text(after);
        return string.Equals(b, a, StringComparison.Ordinal) ? [] : [new FieldChange(field, b, a)];
    }

    /// <summary>The top-level fields of two records (as ModelOps serializes them) that differ.</summary>
    public static IReadOnlyList<FieldChange> Diff<T>(T? before, T after)
    {
        var b = before is null ? default : JsonSerializer.SerializeToElement(before, ModelOpsJson.Options);
        var a = JsonSerializer.SerializeToElement(after, ModelOpsJson.Options);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var element in new[] { b, a }.Where(e => e.ValueKind == JsonValueKind.Object))
        {
            foreach (var property in element.EnumerateObject())
            {
                names.Add(property.Name);
            }
        }

        var changes = new List<FieldChange>();
        foreach (var name in names)
        {
            changes.AddRange(Of(name, Property(b, name), Property(a, name)));
        }

        return changes;
    }

    private static string? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    private static string? Text(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value, ModelOpsJson.Options),
        };
        return text is { Length: > MaxValueLength } ? string.Concat(text.AsSpan(0, MaxValueLength), "…") : text;
    }
}
