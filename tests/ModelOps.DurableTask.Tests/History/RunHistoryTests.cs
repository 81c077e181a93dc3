using DurableTask.Core;
using DurableTask.Core.History;
using ModelOps.Workflows;

namespace ModelOps.DurableTask.Tests.History;

/// <summary>Steps read from orchestration history, from DurableTask.Core events and from the JSON the Azure Storage backend returns.</summary>
public sealed class RunHistoryTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Steps_RetriedThenCompletedActivity_IsOneStepWithBothAttempts()
    {
        HistoryEvent[] events =
        [
            At(new TaskScheduledEvent(0, "Train", string.Empty, null), 0),
            At(new TaskFailedEvent(-1, 0, "boom", null, new FailureDetails("System.IO.IOException", "disk", null, null, false)), 2),
            At(new TimerCreatedEvent(1), 2),
            At(new TaskScheduledEvent(2, "Train", string.Empty, null), 5),
            At(new TaskCompletedEvent(-1, 2, "42"), 9),
        ];

        var step = Assert.Single(RunHistory.Steps(events));

        Assert.Equal(("Train", WorkflowStepStatus.Completed, 2, null), (step.Name, step.Status, step.Attempts, step.Error));
        Assert.Equal(T0, step.Start!.Value.UtcDateTime);
        Assert.Equal(9000, step.DurationMs);
    }

    [Fact]
    public void Steps_FinalFailure_KeepsTheLastError()
    {
        HistoryEvent[] events =
        [
            At(new TaskScheduledEvent(0, "Validate", string.Empty, null), 0),
            At(new TaskCompletedEvent(-1, 0, "{}"), 1),
            At(new TaskScheduledEvent(1, "Train", string.Empty, null), 1),
            At(new TaskFailedEvent(-1, 1, "reason", null, new FailureDetails("X", "label column missing", null, null, true)), 3),
        ];

        var steps = RunHistory.Steps(events);

        Assert.Equal(["Validate", "Train"], steps.Select(s => s.Name));
        Assert.Equal((WorkflowStepStatus.Failed, 1, "label column missing"), (steps[1].Status, steps[1].Attempts, steps[1].Error));
    }

    [Fact]
    public void Steps_Terminated_MarksTheRunningStepTerminatedAtTheTerminationTime()
    {
        HistoryEvent[] events =
        [
            At(new TaskScheduledEvent(0, "Train", string.Empty, null), 0),
            At(new ExecutionTerminatedEvent(-1, "stop"), 7),
        ];

        var step = Assert.Single(RunHistory.Steps(events));

        Assert.Equal((WorkflowStepStatus.Terminated, 7000L), (step.Status, step.DurationMs));
    }

    [Fact]
    public void Steps_RunningStep_HasNoEnd()
    {
        var step = Assert.Single(RunHistory.Steps([At(new TaskScheduledEvent(0, "Train", string.Empty, null), 0)]));

        Assert.Equal((WorkflowStepStatus.Running, null, null), (step.Status, step.End, step.DurationMs));
    }

    [Fact]
    public void Steps_FromAzureStorageJson_MatchTheEventsReading()
    {
        const string json = """
            [{"EventType":12,"EventId":-1,"Timestamp":"2026-12-01T08:00:00Z"},
             {"EventType":0,"Name":"Retraining","EventId":-1,"Timestamp":"2026-12-01T08:00:00Z"},
             {"EventType":4,"Name":"Train","EventId":0,"Timestamp":"2026-12-01T08:00:01Z"},
             {"EventType":6,"TaskScheduledId":0,"Reason":"first fails","FailureDetails":{"ErrorType":"System.InvalidOperationException","ErrorMessage":"first fails"},"EventId":-1,"Timestamp":"2026-12-01T08:00:02Z"},
             {"EventType":10,"FireAt":"2026-12-01T08:00:03Z","EventId":1,"Timestamp":"2026-12-01T08:00:02Z"},
             {"EventType":11,"TimerId":1,"EventId":-1,"Timestamp":"2026-12-01T08:00:03Z"},
             {"EventType":4,"Name":"Train","EventId":2,"Timestamp":"2026-12-01T08:00:03Z"},
             {"EventType":5,"TaskScheduledId":2,"Result":"6","EventId":-1,"Timestamp":"2026-12-01T08:00:05Z"},
             {"EventType":7,"Name":"Child","InstanceId":"c","EventId":3,"Timestamp":"2026-12-01T08:00:06Z"},
             {"EventType":9,"TaskScheduledId":3,"Reason":"child broke","EventId":-1,"Timestamp":"2026-12-01T08:00:07Z"}]
            """;

        var steps = RunHistory.Steps(json);

        Assert.Equal(2, steps.Count);
        Assert.Equal(("Train", WorkflowStepStatus.Completed, 2, 4000L), (steps[0].Name, steps[0].Status, steps[0].Attempts, steps[0].DurationMs));
        Assert.Equal(("Child", WorkflowStepStatus.Failed, "child broke"), (steps[1].Name, steps[1].Status, steps[1].Error));
    }

    private static HistoryEvent At(HistoryEvent e, int seconds)
    {
        e.Timestamp = T0.AddSeconds(seconds);
        return e;
    }
}
