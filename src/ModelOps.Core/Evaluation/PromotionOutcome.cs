using System.Text.Json.Serialization;

namespace ModelOps.Evaluation;

/// <summary>Whether a candidate replaces the champion.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PromotionOutcome>))]
public enum PromotionOutcome
{
    Promote,
    Reject,
}
