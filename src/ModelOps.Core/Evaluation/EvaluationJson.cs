using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelOps.Evaluation;

/// <summary>
/// The JSON options for evaluation records (metric sets, promotion decisions): camelCase, enums as strings, NaN as
/// the literal <c>"NaN"</c> inside records (metric sets write NaN as null themselves), nulls omitted.
/// </summary>
public static class EvaluationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };
}
