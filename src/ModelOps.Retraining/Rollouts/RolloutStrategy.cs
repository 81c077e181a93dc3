using System.Text.Json.Serialization;

namespace ModelOps.Rollouts;

/// <summary>How a rollout moves traffic from the baseline to the candidate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RolloutStrategy>))]
public enum RolloutStrategy
{
    /// <summary>A share (<c>percent</c>) for one bake time, then all.</summary>
    [JsonStringEnumMemberName("canary")]
    Canary,

    /// <summary>Equal steps of <c>stepPercent</c>, one bake time each, up to all.</summary>
    [JsonStringEnumMemberName("linear")]
    Linear,

    /// <summary>A mirrored copy of all requests for one bake time, then all at once (the baseline stays loaded for an instant rollback).</summary>
    [JsonStringEnumMemberName("blueGreen")]
    BlueGreen,

    /// <summary>All at once.</summary>
    [JsonStringEnumMemberName("direct")]
    Direct,
}
