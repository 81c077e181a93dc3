namespace ModelOps.Workflows;

/// <summary>One page of runs, newest first; a null <see cref="ContinuationToken"/> means the last page.</summary>
public sealed record WorkflowPage(IReadOnlyList<WorkflowInstance> Runs, string? ContinuationToken);
