using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Training.Validation;

/// <summary>JSON options for schemas, baselines and anomaly reports: camelCase, enums as strings, nulls omitted.</summary>
public static class ValidationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };
}
