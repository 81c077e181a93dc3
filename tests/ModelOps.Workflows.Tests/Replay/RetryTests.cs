using ModelOps.Workflows.Replay;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Replay;

public sealed class RetryTests
{
    [Fact]
    public void CallActivity_FailsTwiceThenSucceeds_RetriesAfterDurableTimersWithBackoff()
    {
        var calls = 0;
        var harness = new ReplayHarness(typeof(FlakyWorkflow), "null")
            .Activity("Flaky", _ => ++calls < 3 ? throw new IOException($"attempt {calls} failed") : "\"ok\"");
        var start = harness.Time.GetUtcNow();

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Completed, outcome!.Kind);
        Assert.Equal("\"ok\"", outcome.Output);
        Assert.Equal(3, calls);
        var timers = harness.History.Where(e => e.Type == HistoryEventType.TimerCreated).Select(e => e.FireAt!.Value).ToList();
        Assert.Equal([start + TimeSpan.FromSeconds(10), start + TimeSpan.FromSeconds(30)], timers); // 10 s, then 10 s × 2
        Assert.Equal(harness.Time.GetUtcNow(), start + TimeSpan.FromSeconds(30));
        var step = Assert.Single(harness.Last!.Steps);
        Assert.Equal(WorkflowStepStatus.Completed, step.Status);
        Assert.Equal(3, step.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(30), step.End - step.Start);
    }

    [Fact]
    public void CallActivity_AllAttemptsFail_ThrowsActivityFailedWithLastError()
    {
        var calls = 0;
        var harness = new ReplayHarness(typeof(FlakyWorkflow), "null")
            .Activity("Flaky", _ => throw new IOException($"attempt {++calls} failed"));

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Failed, outcome!.Kind);
        Assert.True(outcome.Failure!.IsCausedBy<ActivityFailedException>());
        Assert.Contains("attempt 4 failed", outcome.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(4, calls);
        Assert.Equal(3, harness.History.Count(e => e.Type == HistoryEventType.TimerCreated));
        var step = Assert.Single(harness.Last!.Steps);
        Assert.Equal(WorkflowStepStatus.Failed, step.Status);
        Assert.Equal(4, step.Attempts);
        Assert.Equal("attempt 4 failed", step.Error);
    }

    [Fact]
    public void CallActivity_HandleRejectsFailure_DoesNotRetry()
    {
        var calls = 0;
        var harness = new ReplayHarness(typeof(PickyWorkflow), "null")
            .Activity("Flaky", _ => throw new InvalidDataException($"bad {++calls}"));

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Failed, outcome!.Kind);
        Assert.Equal(1, calls);
        Assert.DoesNotContain(harness.History, e => e.Type == HistoryEventType.TimerCreated);
    }

    [Fact]
    public void CallActivity_FailureCaughtByWorkflow_WorkflowDecides()
    {
        var harness = new ReplayHarness(typeof(CatchingWorkflow), "null")
            .Activity("Flaky", _ => throw new IOException("disk full"));

        var outcome = harness.RunToEnd();

        Assert.Equal("\"recovered from System.IO.IOException: disk full\"", outcome!.Output);
    }

    [Fact]
    public void GetDelay_GrowsByCoefficientAndStopsAtMaximum()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1)) { BackoffCoefficient = 3, MaxRetryInterval = TimeSpan.FromSeconds(20) };

        Assert.Equal(
            [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)],
            Enumerable.Range(1, 5).Select(policy.GetDelay));
    }

    [Fact]
    public void RetryPolicy_ZeroAttempts_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryPolicy(0, TimeSpan.FromSeconds(1)));
    }

    private sealed class FlakyWorkflow : IWorkflow<object?, string>
    {
        public Task<string> RunAsync(IWorkflowContext context, object? input) =>
            context.CallActivityAsync<string>("Flaky", null, new RetryPolicy(4, TimeSpan.FromSeconds(10)) { BackoffCoefficient = 2 });
    }

    private sealed class PickyWorkflow : IWorkflow<object?, string>
    {
        public Task<string> RunAsync(IWorkflowContext context, object? input) =>
            context.CallActivityAsync<string>("Flaky", null, new RetryPolicy(4, TimeSpan.FromSeconds(10)) { Handle = f => f.IsCausedBy<IOException>() });
    }

    private sealed class CatchingWorkflow : IWorkflow<object?, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, object? input)
        {
            try
            {
                return await context.CallActivityAsync<string>("Flaky").ConfigureAwait(true);
            }
            catch (ActivityFailedException ex)
            {
                return $"recovered from {ex.Failure}";
            }
        }
    }
}
