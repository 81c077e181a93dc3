using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Serialization;

/// <summary>The one JSON shape ModelOps uses for stored records and HTTP bodies: camelCase, enums as strings.</summary>
public static class ModelOpsJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
