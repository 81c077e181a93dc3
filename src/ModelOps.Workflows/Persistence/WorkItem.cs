using System.Text.Json;
using ModelOps.Serialization;

namespace ModelOps.Workflows.Persistence;

/// <summary>
/// A queue message. It only names work (payloads stay in the instance's partition), so it is small and a stale or
/// duplicate one is recognised against the stored state and dropped.
/// </summary>
internal sealed record WorkItem(WorkItemKind Kind, string InstanceId)
{
    public int Execution { get; init; }

    public int TaskId { get; init; } = -1;

    public DateTimeOffset? FireAt { get; init; }

    /// <summary>For activities: the step the call belongs to, whose record shows it Running.</summary>
    public int StepId { get; init; } = -1;

    public string ToJson() => JsonSerializer.Serialize(this, ModelOpsJson.Options);

    public static WorkItem? TryParse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<WorkItem>(json, ModelOpsJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
