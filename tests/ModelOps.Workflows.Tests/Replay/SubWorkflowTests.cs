using ModelOps.Workflows.Replay;
using ModelOps.Workflows.Tests.Support;

namespace ModelOps.Workflows.Tests.Replay;

public sealed class SubWorkflowTests
{
    [Fact]
    public void CallSubWorkflow_ChildCompletes_ReturnsItsOutputUnderADeterministicId()
    {
        var harness = new ReplayHarness(typeof(ParentWorkflow), "\"iris\"").Child("Train", input => $"\"trained {input!.Trim('"')}\"");

        var outcome = harness.RunToEnd();

        Assert.Equal("\"trained iris\"", outcome!.Output);
        var created = Assert.Single(harness.History, e => e.Type == HistoryEventType.SubWorkflowCreated);
        Assert.Equal("Train", created.Name);
        Assert.Equal("run-1:1:0", created.ChildInstanceId);
        var step = Assert.Single(harness.Last!.Steps);
        Assert.Equal(("Train", WorkflowStepStatus.Completed), (step.Name, step.Status));
    }

    [Fact]
    public void CallSubWorkflow_ChildFails_ThrowsSubWorkflowFailed()
    {
        var harness = new ReplayHarness(typeof(ParentWorkflow), "\"iris\"").Child("Train", _ => throw new InvalidDataException("no rows"));

        var outcome = harness.RunToEnd();

        Assert.Equal("\"child failed: System.IO.InvalidDataException: no rows\"", outcome!.Output);
        Assert.Equal(WorkflowStepStatus.Failed, Assert.Single(harness.Last!.Steps).Status);
    }

    private sealed class ParentWorkflow : IWorkflow<string, string>
    {
        public async Task<string> RunAsync(IWorkflowContext context, string input)
        {
            try
            {
                return await context.CallSubWorkflowAsync<string>("Train", input).ConfigureAwait(true);
            }
            catch (SubWorkflowFailedException ex)
            {
                return $"child failed: {ex.Failure}";
            }
        }
    }
}
