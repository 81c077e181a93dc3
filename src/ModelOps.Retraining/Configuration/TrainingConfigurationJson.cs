using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Serialization;

namespace ModelOps.Retraining;

/// <summary>
/// Reads a training configuration from a request body. Every field must be one of the contract's: an unknown one is a
/// 400 naming it, so nothing a caller adds is silently dropped, and a <c>command</c> is refused outright (what an
/// external trainer runs is the operator's configuration, never a request's).
/// </summary>
public static class TrainingConfigurationJson
{
    private static readonly HashSet<string> Fields = new(
        ModelOpsJson.Options.GetTypeInfo(typeof(TrainingConfiguration)).Properties.Select(p => p.Name),
        StringComparer.OrdinalIgnoreCase);

    public static TrainingConfiguration Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ModelOpsException.Invalid("The body must be a JSON object: the training configuration.");
        }

        foreach (var property in body.EnumerateObject())
        {
            if (property.Name.Equals("command", StringComparison.OrdinalIgnoreCase) || property.Name.Equals("timeoutMinutes", StringComparison.OrdinalIgnoreCase))
            {
                throw ModelOpsException.Invalid(
                    $"'{property.Name}' is not accepted: a training configuration cannot say what program runs. Name an external trainer the operator declared " +
                    "('\"trainer\": \"external\", \"externalTrainer\": \"NAME\"'; its command and time limit are the host's ModelOps:Retraining:ExternalTrainers:NAME settings) " +
                    "and pass 'parameters' as data.");
            }

            if (!Fields.Contains(property.Name))
            {
                throw ModelOpsException.Invalid($"The training configuration has no field '{property.Name}'; its fields are {string.Join(", ", Fields.Order(StringComparer.Ordinal).Select(f => $"'{f}'"))}.");
            }
        }

        if (body.TryGetProperty("rollout", out var rollout) && rollout.ValueKind == JsonValueKind.Object &&
            rollout.TryGetProperty("guardrails", out var guardrails) && guardrails.ValueKind != JsonValueKind.Null)
        {
            // Read strictly here: an unknown guardrail or a threshold out of range is a 400 naming it, never dropped.
            Rollouts.GuardrailSettings.Parse(guardrails, "rollout.guardrails");
        }

        try
        {
            return body.Deserialize<TrainingConfiguration>(ModelOpsJson.Options)
                ?? throw ModelOpsException.Invalid("The body must be a JSON object: the training configuration.");
        }
        catch (JsonException exception)
        {
            throw ModelOpsException.Invalid($"The training configuration has a field of the wrong type{(exception.Path is { } path ? $" at '{path}'" : string.Empty)}: {exception.Message}");
        }
    }
}
