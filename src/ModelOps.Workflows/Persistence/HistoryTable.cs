using System.Globalization;
using System.Text;
using System.Text.Json;
using ModelOps.Serialization;
using ModelOps.Storage;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Persistence;

/// <summary>
/// The layout of the history table. One partition per instance holds:
/// <list type="bullet">
/// <item><c>_instance</c>: the status row, whose ETag guards every append;</item>
/// <item><c>h{execution:D6}-{seq:D8}</c>: history events of an execution, in order;</item>
/// <item><c>i…</c>: the inbox, events waiting for the next episode (completions keyed by task id, so each is recorded once);</item>
/// <item><c>o{execution:D6}-{commit:D8}-{n:D4}</c>: the outbox, side effects of a committed episode not carried out yet;</item>
/// <item><c>r{execution:D6}-{task:D8}</c>: leases of running activities;</item>
/// <item><c>s{execution:D6}-{step:D8}</c>: step records for the run-status API (kept when history is purged).</item>
/// </list>
/// </summary>
internal static class HistoryTable
{
    public const string InstanceRowKey = "_instance";

    /// <summary>Table storage keeps at most 64 KiB (32 Ki UTF-16 chars) per string property; payloads are split.</summary>
    public const int ChunkChars = 30_000;

    /// <summary>Largest payload one row carries (an entity holds at most 1 MiB).</summary>
    public const int MaxPayloadChars = ChunkChars * 15;

    public const string TerminateRowKey = "it-terminate";

    public static string HistoryRowKey(int execution, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"h{execution:D6}-{sequence:D8}");

    public static string HistoryPrefix(int execution) => string.Create(CultureInfo.InvariantCulture, $"h{execution:D6}-");

    public static string StartRowKey(int execution) => string.Create(CultureInfo.InvariantCulture, $"i{execution:D6}-a-start");

    public static string CompletionRowKey(int execution, HistoryEventType type, int taskId)
    {
        var tag = type switch
        {
            HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed => 't',
            HistoryEventType.TimerFired => 'x',
            _ => 's',
        };
        return string.Create(CultureInfo.InvariantCulture, $"i{execution:D6}-{tag}{taskId:D8}");
    }

    public static string ExternalEventRowKey(DateTimeOffset at, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"ie-{at.UtcTicks:D19}-{id:N}");

    public static string OutboxRowKey(int execution, int commit, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"o{execution:D6}-{commit:D8}-{index:D4}");

    /// <summary>The lease row of a running activity: who runs it and until when, so a duplicate delivery waits.</summary>
    public static string ActivityLeaseRowKey(int execution, int taskId) =>
        string.Create(CultureInfo.InvariantCulture, $"r{execution:D6}-{taskId:D8}");

    public static string StepRowKey(int execution, int stepId) =>
        string.Create(CultureInfo.InvariantCulture, $"s{execution:D6}-{stepId:D8}");

    public static TableEntity EventEntity(string instanceId, string rowKey, HistoryEvent e, int execution)
    {
        var entity = new TableEntity(instanceId, rowKey)
        {
            ["Type"] = e.Type.ToString(),
            ["TaskId"] = e.TaskId,
            ["Execution"] = execution,
        };
        WriteChunked(entity, "Payload", JsonSerializer.Serialize(e, ModelOpsJson.Options));
        return entity;
    }

    public static HistoryEvent ReadEvent(TableEntity entity) =>
        JsonSerializer.Deserialize<HistoryEvent>(ReadChunked(entity, "Payload") ?? "null", ModelOpsJson.Options)
        ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no event.");

    /// <summary>
    /// An outbox row, claimed by the episode that writes it until <paramref name="claimedUntil"/>: other runners leave
    /// it alone meanwhile and take it over only once the claim has lapsed (its writer died before carrying it out).
    /// </summary>
    public static TableEntity OutboxEntity(
        string instanceId,
        string rowKey,
        OutboxEntry entry,
        int execution,
        int commit,
        string claimedBy,
        DateTimeOffset claimedUntil)
    {
        var entity = new TableEntity(instanceId, rowKey)
        {
            ["Kind"] = entry.Kind.ToString(),
            ["Execution"] = execution,
            ["CommitCount"] = commit,
            ["ClaimedBy"] = claimedBy,
            ["ClaimedUntil"] = claimedUntil,
        };
        WriteChunked(entity, "Payload", JsonSerializer.Serialize(entry, ModelOpsJson.Options));
        return entity;
    }

    public static OutboxEntry ReadOutbox(TableEntity entity) =>
        JsonSerializer.Deserialize<OutboxEntry>(ReadChunked(entity, "Payload") ?? "null", ModelOpsJson.Options)
        ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no outbox entry.");

    public static TableEntity StepEntity(string instanceId, int execution, StepState step) => new(instanceId, StepRowKey(execution, step.StepId))
    {
        ["Name"] = step.Name,
        ["Status"] = step.Status.ToString(),
        ["Attempts"] = step.Attempts,
        ["Start"] = step.Start,
        ["End"] = step.End,
        ["Error"] = Truncate(step.Error, ChunkChars),
    };

    public static WorkflowStep ReadStep(TableEntity entity)
    {
        var start = entity.GetDateTimeOffset("Start");
        var end = entity.GetDateTimeOffset("End");
        return new WorkflowStep(
            entity.GetString("Name") ?? string.Empty,
            Enum.TryParse<WorkflowStepStatus>(entity.GetString("Status"), out var status) ? status : WorkflowStepStatus.Pending,
            (int)(entity.GetInt64("Attempts") ?? 0),
            start,
            end,
            start is { } s && end is { } e ? (long)(e - s).TotalMilliseconds : null,
            entity.GetString("Error"));
    }

    public static void WriteChunked(TableEntity entity, string property, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (value.Length > MaxPayloadChars)
        {
            throw new PayloadTooLargeException(
                $"A payload of {value.Length} characters is over the {MaxPayloadChars} a history row holds; " +
                "keep large data in the artifact store and pass its name instead.");
        }

        entity[property + "Chunks"] = (value.Length + ChunkChars - 1) / ChunkChars;
        for (int i = 0, offset = 0; offset < value.Length || i == 0; i++, offset += ChunkChars)
        {
            entity[ChunkName(property, i)] = value.Substring(offset, Math.Min(ChunkChars, value.Length - offset));
        }
    }

    public static string? ReadChunked(TableEntity entity, string property)
    {
        var count = entity.GetInt64(property + "Chunks");
        if (count is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < Math.Max(1, count.Value); i++)
        {
            builder.Append(entity.GetString(ChunkName(property, i)));
        }

        return builder.ToString();
    }

    private static string ChunkName(string property, int index) =>
        index == 0 ? property : string.Create(CultureInfo.InvariantCulture, $"{property}{index}");

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
