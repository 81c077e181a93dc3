namespace ModelOps.Workflows;

/// <summary>Options for <see cref="IWorkflowClient.StartAsync"/>.</summary>
public sealed record WorkflowStartOptions
{
    /// <summary>The run's id (letters, digits and <c>-_.:@</c>, at most 200 characters); a new one when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Tags to list runs by (e.g. <c>model=iris</c>, <c>trigger=blob</c>).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
