using System.Text.Json.Serialization;

namespace ModelOps.Monitoring.Settings;

/// <summary>The retrain policy's mode, written in lowercase.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RetrainMode>))]
public enum RetrainMode
{
    [JsonStringEnumMemberName("off")]
    Off,

    [JsonStringEnumMemberName("alert")]
    Alert,

    [JsonStringEnumMemberName("retrain")]
    Retrain,
}
