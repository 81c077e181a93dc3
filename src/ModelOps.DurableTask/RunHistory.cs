using System.Text.Json;
using DurableTask.Core.History;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>
/// Reads the steps of a run from its orchestration history: one step per activity or sub-orchestration call, its
/// retries counted as attempts of the same step, its times those the engine recorded, and a step cut short by
/// termination shown as such. Both hosts use it: the local client parses the history JSON DurableTask.AzureStorage
/// returns, the Functions client passes the events <c>DurableTaskClient</c> returns.
/// </summary>
public static class RunHistory
{
    public static IReadOnlyList<WorkflowStep> Steps(IEnumerable<HistoryEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return Build(events.Select(ToRecord));
    }

    /// <summary>Steps from the JSON array of history events that DurableTask.AzureStorage returns.</summary>
    public static IReadOnlyList<WorkflowStep> Steps(string historyJson)
    {
        ArgumentNullException.ThrowIfNull(historyJson);
        using var document = JsonDocument.Parse(historyJson);
        var records = new List<Record>();
        foreach (var element in document.RootElement.EnumerateArray())
        {
            records.Add(new Record(
                (EventType)element.GetProperty("EventType").GetInt32(),
                Int(element, "EventId"),
                Int(element, "TaskScheduledId"),
                String(element, "Name"),
                element.GetProperty("Timestamp").GetDateTime(),
                FailureMessage(element)));
        }

        return Build(records);
    }

    private static List<WorkflowStep> Build(IEnumerable<Record> records)
    {
        var steps = new List<Draft>();
        var byTask = new Dictionary<int, Draft>();
        foreach (var record in records)
        {
            switch (record.Type)
            {
                case EventType.TaskScheduled or EventType.SubOrchestrationInstanceCreated:
                    // A call of a name whose last attempt failed is its retry (Durable schedules retries as new calls).
                    var step = steps.LastOrDefault(s => s.Name == record.Name && s.Status == WorkflowStepStatus.Failed);
                    if (step is null)
                    {
                        step = new Draft(record.Name ?? "(unnamed)", Utc(record.Timestamp));
                        steps.Add(step);
                    }

                    step.Attempts++;
                    step.Status = WorkflowStepStatus.Running;
                    step.End = null;
                    byTask[record.EventId] = step;
                    break;
                case EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted when byTask.TryGetValue(record.TaskScheduledId, out var done):
                    done.Status = WorkflowStepStatus.Completed;
                    done.End = Utc(record.Timestamp);
                    done.Error = null;
                    break;
                case EventType.TaskFailed or EventType.SubOrchestrationInstanceFailed when byTask.TryGetValue(record.TaskScheduledId, out var failed):
                    failed.Status = WorkflowStepStatus.Failed;
                    failed.End = Utc(record.Timestamp);
                    failed.Error = record.Error;
                    break;
                case EventType.ExecutionTerminated:
                    foreach (var running in steps.Where(s => s.Status == WorkflowStepStatus.Running))
                    {
                        running.Status = WorkflowStepStatus.Terminated;
                        running.End = Utc(record.Timestamp);
                    }

                    break;
            }
        }

        return steps.ConvertAll(s => new WorkflowStep(
            s.Name,
            s.Status,
            s.Attempts,
            s.Start,
            s.End,
            s.End is { } end ? (long)(end - s.Start).TotalMilliseconds : null,
            s.Error));
    }

    private static Record ToRecord(HistoryEvent e) => e switch
    {
        TaskScheduledEvent s => new Record(e.EventType, e.EventId, -1, s.Name, e.Timestamp, null),
        SubOrchestrationInstanceCreatedEvent s => new Record(e.EventType, e.EventId, -1, s.Name, e.Timestamp, null),
        TaskCompletedEvent c => new Record(e.EventType, e.EventId, c.TaskScheduledId, null, e.Timestamp, null),
        SubOrchestrationInstanceCompletedEvent c => new Record(e.EventType, e.EventId, c.TaskScheduledId, null, e.Timestamp, null),
        TaskFailedEvent f => new Record(e.EventType, e.EventId, f.TaskScheduledId, null, e.Timestamp, f.FailureDetails?.ErrorMessage ?? f.Reason),
        SubOrchestrationInstanceFailedEvent f => new Record(e.EventType, e.EventId, f.TaskScheduledId, null, e.Timestamp, f.FailureDetails?.ErrorMessage ?? f.Reason),
        _ => new Record(e.EventType, e.EventId, -1, null, e.Timestamp, null),
    };

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? FailureMessage(JsonElement element) =>
        element.TryGetProperty("FailureDetails", out var details) && details.ValueKind == JsonValueKind.Object
            ? String(details, "ErrorMessage")
            : String(element, "Reason");

    private static DateTimeOffset Utc(DateTime timestamp) =>
        new(DateTime.SpecifyKind(timestamp, DateTimeKind.Utc));

    private sealed record Record(EventType Type, int EventId, int TaskScheduledId, string? Name, DateTime Timestamp, string? Error);

    private sealed class Draft(string name, DateTimeOffset start)
    {
        public string Name { get; } = name;

        public DateTimeOffset Start { get; } = start;

        public WorkflowStepStatus Status { get; set; }

        public int Attempts { get; set; }

        public DateTimeOffset? End { get; set; }

        public string? Error { get; set; }
    }
}
