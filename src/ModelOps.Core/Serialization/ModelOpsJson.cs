using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Serialization;

/// <summary>The one JSON shape ModelOps uses for stored records and HTTP bodies: camelCase, enums as strings.</summary>
public static class ModelOpsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Applies the ModelOps conventions to <paramref name="options"/> (used for ASP.NET Core's own options too).
    /// Relaxed escaping keeps quotes in error messages readable; bodies are JSON, never embedded in HTML.
    /// </summary>
    public static void Apply(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter());
    }
}
