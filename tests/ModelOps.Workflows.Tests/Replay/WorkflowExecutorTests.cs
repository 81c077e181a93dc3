using ModelOps.Workflows.Registration;
using ModelOps.Workflows.Replay;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Replay;

public sealed class WorkflowExecutorTests
{
    [Fact]
    public void Execute_ChainOfActivities_CompletesWithTheirResults()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Completed, outcome!.Kind);
        Assert.Equal("8", outcome.Output); // (3 + 1) * 2
        Assert.Equal(["AddOne", "Double"], harness.Executed.Select(e => e.Name));
    }

    [Fact]
    public void Execute_SameHistory_SameDecisions()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunEpisode();
        harness.RunPendingWork();
        harness.RunEpisode();
        var history = harness.History.ToList();

        // Replaying the recorded history twice more, with nothing new, decides nothing new and always the same.
        var again = Replay(history);
        var third = Replay(history);

        Assert.Empty(again.Actions);
        Assert.Null(again.Outcome);
        Assert.Equal(Describe(again), Describe(third));
    }

    [Fact]
    public void Execute_CodeAfterLastRecordedEvent_RunsLive()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunEpisode();
        harness.RunPendingWork();

        var second = harness.RunEpisode();

        var action = Assert.Single(second.Actions);
        Assert.Equal("Double", action.Name);
        Assert.Equal("4", action.Input);
        Assert.Equal(WorkflowActionKind.ScheduleActivity, action.Kind);
    }

    [Fact]
    public void Execute_CompletedActivity_IsNeverScheduledAgainOnReplay()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunToEnd();

        Assert.Single(harness.History, e => e.Type == HistoryEventType.TaskScheduled && e.Name == "AddOne");
        Assert.Single(harness.Executed, e => e.Name == "AddOne");
    }

    [Fact]
    public void Execute_ChangedActivityInFlight_FailsWithNonDeterminismError()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunEpisode();
        harness.RunPendingWork();
        harness.RunEpisode();
        harness.RunPendingWork();

        // The code was changed while the run was in flight: it now calls Triple where history records Double.
        var changed = new ReplayHarness(typeof(SumThenTriple), "3", harness.Name);
        changed.History.AddRange(harness.History);
        var result = changed.RunEpisode();

        Assert.Equal(WorkflowOutcomeKind.Failed, result.Outcome!.Kind);
        Assert.True(result.Outcome.Failure!.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("'Double'", result.Outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Triple'", result.Outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Empty(result.Actions);
    }

    [Fact]
    public void Execute_CodeNowSkipsARecordedCall_FailsWithNonDeterminismError()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunEpisode();

        var changed = new ReplayHarness(typeof(OnlyDouble), "3", harness.Name);
        changed.History.AddRange(harness.History);
        var result = changed.RunEpisode();

        Assert.True(result.Outcome!.Failure!.IsCausedBy<NonDeterministicWorkflowException>());
        Assert.Contains("'AddOne'", result.Outcome.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_CurrentUtcDateTime_IsTheRecordedTimeOnEveryReplay()
    {
        var harness = new ReplayHarness(typeof(ClockAndGuids), "null").Activity("Noop", _ => null);
        var start = harness.Time.GetUtcNow();
        harness.RunEpisode();
        harness.RunPendingWork();
        harness.Time.Advance(TimeSpan.FromHours(5));

        var outcome = harness.RunToEnd();

        var times = Invokers.Deserialize<ClockAndGuids.Result>(outcome!.Output)!;
        Assert.Equal(start, times.Before);
        Assert.Equal(start + TimeSpan.FromHours(5), times.After);
    }

    [Fact]
    public void NewGuid_SameHistory_SameGuidsAndDistinctVersion5()
    {
        var harness = new ReplayHarness(typeof(ClockAndGuids), "null").Activity("Noop", _ => null);
        var outcome = harness.RunToEnd();
        var first = Invokers.Deserialize<ClockAndGuids.Result>(outcome!.Output)!;

        var again = harness.ReplayAgain(2);
        var second = Invokers.Deserialize<ClockAndGuids.Result>(again.Outcome!.Output)!;

        Assert.Equal(first.Guids, second.Guids);
        Assert.Equal(first.Guids.Length, first.Guids.Distinct().Count());
        Assert.All(first.Guids, g => Assert.Equal(5, g.Version));
    }

    [Fact]
    public void IsReplaying_TrueOnlyForRecordedPart()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunToEnd();

        // The custom status lists IsReplaying as seen before each call, as of the final episode.
        var seen = Invokers.Deserialize<bool[]>(harness.Last!.CustomStatus)!;
        Assert.Equal([true, true, false], seen);
    }

    [Fact]
    public void SetCustomStatus_LastValueOfTheEpisode_IsReported()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunEpisode();

        Assert.Equal("[false]", harness.Last!.CustomStatus);
    }

    [Fact]
    public void Execute_WorkflowThrows_FailsWithItsError()
    {
        var harness = Arithmetic(new SumThenDouble(), "-1");

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Failed, outcome!.Kind);
        Assert.True(outcome.Failure!.IsCausedBy<ArgumentOutOfRangeException>());
    }

    [Fact]
    public void Steps_RecordNameStatusAttemptsAndTimes()
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.RunToEnd();

        var steps = harness.Last!.Steps.Select(s => s.ToStep()).ToList();
        Assert.Equal(["AddOne", "Double"], steps.Select(s => s.Name));
        Assert.All(steps, s => Assert.Equal(WorkflowStepStatus.Completed, s.Status));
        Assert.All(steps, s => Assert.Equal(1, s.Attempts));
        Assert.All(steps, s => Assert.NotNull(s.DurationMs));
    }

    private static ReplayHarness Arithmetic(object workflow, string input) =>
        new ReplayHarness(workflow.GetType(), input)
            .Activity("AddOne", x => (int.Parse(x!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Activity("Double", x => (int.Parse(x!, System.Globalization.CultureInfo.InvariantCulture) * 2).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Activity("Triple", x => (int.Parse(x!, System.Globalization.CultureInfo.InvariantCulture) * 3).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static EpisodeResult Replay(List<HistoryEvent> history)
    {
        var harness = Arithmetic(new SumThenDouble(), "3");
        harness.History.AddRange(history);
        return harness.ReplayAgain(0);
    }

    private static string Describe(EpisodeResult result) =>
        string.Join(";", result.Actions.Select(a => a.ToString())) + "|" + result.CustomStatus + "|" + string.Join(";", result.Steps.Select(s => $"{s.Name}:{s.Status}:{s.Attempts}"));

    private sealed class SumThenDouble : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(IWorkflowContext context, int input)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(input);
            var seen = new List<bool> { context.IsReplaying };
            context.SetCustomStatus(seen);
            var sum = await context.CallActivityAsync<int>("AddOne", input).ConfigureAwait(true);
            seen.Add(context.IsReplaying);
            context.SetCustomStatus(seen);
            var doubled = await context.CallActivityAsync<int>("Double", sum).ConfigureAwait(true);
            seen.Add(context.IsReplaying);
            context.SetCustomStatus(seen);
            return doubled;
        }
    }

    private sealed class SumThenTriple : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(IWorkflowContext context, int input)
        {
            var sum = await context.CallActivityAsync<int>("AddOne", input).ConfigureAwait(true);
            return await context.CallActivityAsync<int>("Triple", sum).ConfigureAwait(true);
        }
    }

    private sealed class OnlyDouble : IWorkflow<int, int>
    {
        public Task<int> RunAsync(IWorkflowContext context, int input) => context.CallActivityAsync<int>("Double", input);
    }

    private sealed class ClockAndGuids : IWorkflow<object?, ClockAndGuids.Result>
    {
        public async Task<Result> RunAsync(IWorkflowContext context, object? input)
        {
            var before = context.CurrentUtcDateTime;
            var guids = new List<Guid> { context.NewGuid(), context.NewGuid() };
            await context.CallActivityAsync("Noop").ConfigureAwait(true);
            guids.Add(context.NewGuid());
            return new Result(before, context.CurrentUtcDateTime, [.. guids]);
        }

        public sealed record Result(DateTimeOffset Before, DateTimeOffset After, Guid[] Guids);
    }
}
