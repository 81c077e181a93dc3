using System.Text.Json;
using ModelOps.Serialization;
using ModelOps.Storage;

namespace ModelOps.Workflows.Persistence;

/// <summary>The instance row: the run's status and the commit point of its history (<see cref="HistoryCount"/>).</summary>
internal sealed class InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public WorkflowRuntimeStatus RuntimeStatus { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public WorkflowFailureDetails? Failure { get; set; }

    public DateTimeOffset CreatedTime { get; init; }

    public DateTimeOffset LastUpdatedTime { get; set; }

    public DateTimeOffset? CompletedTime { get; set; }

    /// <summary>The current execution; continue-as-new starts the next one with an empty history.</summary>
    public int Execution { get; set; } = 1;

    /// <summary>Committed history events of the current execution; rows past it are leftovers of a failed commit.</summary>
    public int HistoryCount { get; set; }

    /// <summary>Every outbox row of the current execution up to this commit number is valid.</summary>
    public int CommitCount { get; set; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? ParentInstanceId { get; init; }

    public int ParentExecution { get; init; }

    public int ParentTaskId { get; init; } = -1;

    public bool HistoryPurged { get; set; }

    public string? ETag { get; set; }

    public bool IsTerminal => RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, HistoryTable.InstanceRowKey)
        {
            ["Name"] = Name,
            ["RuntimeStatus"] = RuntimeStatus.ToString(),
            ["CreatedTime"] = CreatedTime,
            ["LastUpdatedTime"] = LastUpdatedTime,
            ["CompletedTime"] = CompletedTime,
            ["Execution"] = Execution,
            ["HistoryCount"] = HistoryCount,
            ["CommitCount"] = CommitCount,
            ["Tags"] = JsonSerializer.Serialize(Tags, ModelOpsJson.Options),
            ["ParentInstanceId"] = ParentInstanceId,
            ["ParentExecution"] = ParentExecution,
            ["ParentTaskId"] = ParentTaskId,
            ["HistoryPurged"] = HistoryPurged,
            ["Failure"] = Failure is null ? null : JsonSerializer.Serialize(Failure, ModelOpsJson.Options),
        };
        HistoryTable.WriteChunked(entity, "Input", Input);
        HistoryTable.WriteChunked(entity, "Output", Output);
        HistoryTable.WriteChunked(entity, "CustomStatus", CustomStatus);
        return entity;
    }

    public static InstanceRecord FromEntity(TableEntity entity)
    {
        var failure = entity.GetString("Failure");
        var tags = entity.GetString("Tags");
        return new InstanceRecord
        {
            InstanceId = entity.PartitionKey,
            Name = entity.GetString("Name") ?? string.Empty,
            RuntimeStatus = Enum.TryParse<WorkflowRuntimeStatus>(entity.GetString("RuntimeStatus"), out var status) ? status : WorkflowRuntimeStatus.Pending,
            Input = HistoryTable.ReadChunked(entity, "Input"),
            Output = HistoryTable.ReadChunked(entity, "Output"),
            CustomStatus = HistoryTable.ReadChunked(entity, "CustomStatus"),
            Failure = failure is null ? null : JsonSerializer.Deserialize<WorkflowFailureDetails>(failure, ModelOpsJson.Options),
            CreatedTime = entity.GetDateTimeOffset("CreatedTime") ?? default,
            LastUpdatedTime = entity.GetDateTimeOffset("LastUpdatedTime") ?? default,
            CompletedTime = entity.GetDateTimeOffset("CompletedTime"),
            Execution = (int)(entity.GetInt64("Execution") ?? 1),
            HistoryCount = (int)(entity.GetInt64("HistoryCount") ?? 0),
            CommitCount = (int)(entity.GetInt64("CommitCount") ?? 0),
            Tags = tags is null ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(tags, ModelOpsJson.Options) ?? [],
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ParentExecution = (int)(entity.GetInt64("ParentExecution") ?? 0),
            ParentTaskId = (int)(entity.GetInt64("ParentTaskId") ?? -1),
            HistoryPurged = entity.GetBoolean("HistoryPurged") ?? false,
            ETag = entity.ETag,
        };
    }

    public WorkflowInstance ToInstance(IReadOnlyList<WorkflowStep> steps) => new()
    {
        Id = InstanceId,
        Name = Name,
        RuntimeStatus = RuntimeStatus,
        Tags = Tags,
        Input = ParseJson(Input),
        Output = ParseJson(Output),
        CustomStatus = ParseJson(CustomStatus),
        Failure = Failure,
        CreatedTime = CreatedTime,
        LastUpdatedTime = LastUpdatedTime,
        Steps = steps,
    };

    private static JsonElement? ParseJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
