using System.Text.Json.Serialization;

namespace ModelOps.Monitoring;

/// <summary>
/// How a monitored column is compared: as numbers or as categories. Written <c>"numeric"</c>/<c>"categorical"</c>;
/// read case-insensitively, so training's schemas and baselines (<c>"Numeric"</c>) load as they are.
/// </summary>
public enum ColumnKind
{
    [JsonStringEnumMemberName("numeric")]
    Numeric,

    [JsonStringEnumMemberName("categorical")]
    Categorical,
}
