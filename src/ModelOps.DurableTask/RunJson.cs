using System.Text.Json;

namespace ModelOps.DurableTask;

/// <summary>The serialized inputs, outputs and custom status of runs, as JSON values for the runs API.</summary>
public static class RunJson
{
    /// <summary>The JSON value of <paramref name="serialized"/>; a string value when it is not JSON (an engine's plain message).</summary>
    public static JsonElement? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(serialized);
            return document.RootElement.ValueKind == JsonValueKind.Null ? null : document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(serialized);
        }
    }

    /// <summary>A serialized value as text: the string itself when it is a JSON string.</summary>
    public static string? AsText(string? serialized) => Parse(serialized) is { } value
        ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
        : null;
}
