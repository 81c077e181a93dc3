namespace ModelOps.Workflows.Tests.Runner;

public sealed class WorkflowRunnerOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new WorkflowRunnerOptionsValidator().Validate(null, new WorkflowRunnerOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("queue")]
    [InlineData("table")]
    [InlineData("visibility")]
    [InlineData("concurrency")]
    public void Validate_BadValue_FailsNamingIt(string what)
    {
        var options = new WorkflowRunnerOptions();
        var member = what switch
        {
            "queue" => Set(() => options.WorkItemQueueName = "Work_Items", nameof(WorkflowRunnerOptions.WorkItemQueueName)),
            "table" => Set(() => options.HistoryTableName = "history-table", nameof(WorkflowRunnerOptions.HistoryTableName)),
            "visibility" => Set(() => options.VisibilityTimeout = TimeSpan.FromMilliseconds(10), nameof(WorkflowRunnerOptions.VisibilityTimeout)),
            _ => Set(() => options.MaxConcurrentWorkItems = 0, nameof(WorkflowRunnerOptions.MaxConcurrentWorkItems)),
        };

        var result = new WorkflowRunnerOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(member, result.FailureMessage, StringComparison.Ordinal);
    }

    private static string Set(Action set, string member)
    {
        set();
        return member;
    }
}
