namespace ModelOps.Workflows.Registration;

/// <summary>A registered activity: runs the class's <c>RunAsync</c> from JSON input to JSON output.</summary>
public sealed record ActivityRegistration(
    string Name,
    Type Type,
    Func<IServiceProvider, ActivityContext, string?, CancellationToken, Task<string?>> Invoke);
