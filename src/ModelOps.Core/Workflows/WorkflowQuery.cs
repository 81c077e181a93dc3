namespace ModelOps.Workflows;

/// <summary>A page of runs for <see cref="IWorkflowClient.ListAsync"/>, newest first.</summary>
/// <param name="TagName">Only runs started with this tag (e.g. <c>model</c>); null for all runs.</param>
/// <param name="TagValue">The tag's value (e.g. the model name).</param>
/// <param name="PageSize">At most this many runs (1–1000).</param>
/// <param name="ContinuationToken">From the previous page.</param>
public sealed record WorkflowQuery(
    string? TagName = null,
    string? TagValue = null,
    int PageSize = 50,
    string? ContinuationToken = null);
