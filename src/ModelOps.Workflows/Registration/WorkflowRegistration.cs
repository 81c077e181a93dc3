namespace ModelOps.Workflows.Registration;

/// <summary>A registered workflow: runs the class's <c>RunAsync</c> from JSON input to JSON output.</summary>
public sealed record WorkflowRegistration(
    string Name,
    Type Type,
    Func<IServiceProvider, IWorkflowContext, string?, Task<string?>> Invoke);
