using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Replay;

public sealed class ExternalEventTests
{
    [Fact]
    public void WaitForExternalEvent_EventArrives_ReturnsPayloadAndCancelsTimeout()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        Assert.Null(harness.RunToEnd(advanceClock: false));

        harness.Time.Advance(TimeSpan.FromMinutes(5));
        harness.Raise("Approval", "{\"approved\":true,\"by\":\"ana\"}");
        var outcome = harness.RunToEnd();

        Assert.Equal("\"approved by ana\"", outcome!.Output);
    }

    [Fact]
    public void WaitForExternalEvent_NameComparesCaseInsensitively()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        harness.RunEpisode();
        harness.Raise("APPROVAL", "{\"approved\":false,\"by\":\"bo\"}");

        var outcome = harness.RunToEnd();

        Assert.Equal("\"rejected by bo\"", outcome!.Output);
    }

    [Fact]
    public void WaitForExternalEvent_RaisedBeforeTheWait_IsBuffered()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        harness.Raise("Approval", "{\"approved\":true,\"by\":\"early\"}");

        var outcome = harness.RunToEnd();

        Assert.Equal("\"approved by early\"", outcome!.Output);
    }

    [Fact]
    public void WaitForExternalEvent_TimeoutPasses_ThrowsTypedTimeout()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        var start = harness.Time.GetUtcNow();

        var outcome = harness.RunToEnd();

        // The workflow caught ExternalEventTimeoutException after its durable timer fired at start + 1 h.
        Assert.Equal("\"timed out waiting for Approval after 01:00:00\"", outcome!.Output);
        Assert.Equal(start + TimeSpan.FromHours(1), harness.Time.GetUtcNow());
    }

    [Fact]
    public void WaitForExternalEvent_EventAfterTimeout_IsIgnored()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        harness.RunToEnd();
        harness.Raise("Approval", "{\"approved\":true,\"by\":\"late\"}");

        var result = harness.RunEpisode();

        Assert.Empty(result.Actions);
        Assert.Equal("\"timed out waiting for Approval after 01:00:00\"", result.Outcome!.Output);
    }

    [Fact]
    public void WaitForExternalEvent_ReplayedAfterTimeoutAndEvent_SameOutcome()
    {
        var harness = new ReplayHarness(typeof(ApprovalWorkflow), "null");
        harness.RunEpisode();
        harness.Raise("Approval", "{\"approved\":true,\"by\":\"ana\"}");
        var outcome = harness.RunToEnd();

        var again = harness.ReplayAgain(2);

        Assert.Equal(outcome!.Output, again.Outcome!.Output);
    }

    private sealed class ApprovalWorkflow : IWorkflow<object?, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, object? input)
        {
            try
            {
                var decision = await context.WaitForExternalEvent<Decision>("Approval", TimeSpan.FromHours(1)).ConfigureAwait(true);
                return $"{(decision.Approved ? "approved" : "rejected")} by {decision.By}";
            }
            catch (ExternalEventTimeoutException ex)
            {
                return $"timed out waiting for {ex.EventName} after {ex.Timeout}";
            }
        }
    }

    private sealed record Decision(bool Approved, string By);
}
