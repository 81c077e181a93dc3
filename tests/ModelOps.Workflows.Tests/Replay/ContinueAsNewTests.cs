using ModelOps.Workflows.Replay;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Replay;

public sealed class ContinueAsNewTests
{
    [Fact]
    public void ContinueAsNew_EndsExecutionWithTheNewInput()
    {
        var harness = new ReplayHarness(typeof(CountingWorkflow), "2").Activity("Tick", x => x);

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.ContinuedAsNew, outcome!.Kind);
        Assert.Equal("3", outcome.Output);
    }

    [Fact]
    public void ContinueAsNew_LastRound_Completes()
    {
        var harness = new ReplayHarness(typeof(CountingWorkflow), "5").Activity("Tick", x => x);

        var outcome = harness.RunToEnd();

        Assert.Equal(WorkflowOutcomeKind.Completed, outcome!.Kind);
        Assert.Equal("5", outcome.Output);
    }

    [Fact]
    public void ContinueAsNew_EventsNobodyWaitedFor_AreCarriedOver()
    {
        var harness = new ReplayHarness(typeof(CountingWorkflow), "2").Activity("Tick", x => x);
        harness.Raise("Stop", "true");

        harness.RunToEnd();

        var carried = Assert.Single(harness.Last!.UnconsumedEvents);
        Assert.Equal("Stop", carried.Name);
    }

    private sealed class CountingWorkflow : IWorkflow<int, int>
    {
        public async Task<int> RunAsync(IWorkflowContext context, int input)
        {
            await context.CallActivityAsync<int>("Tick", input).ConfigureAwait(true);
            if (input < 5)
            {
                context.ContinueAsNew(input + 1);
            }

            return input;
        }
    }
}
