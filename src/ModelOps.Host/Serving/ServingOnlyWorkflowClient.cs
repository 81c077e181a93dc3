using ModelOps.Errors;
using ModelOps.Workflows;

namespace ModelOps.Host.Serving;

/// <summary>
/// The workflow port of a serving-mode host, which runs no engine: the shared composition still registers services
/// that take an <see cref="IWorkflowClient"/> (runs, retraining, monitoring), but no route or timer of a serving host
/// reaches them. Should one ever be called, it answers 503 saying why.
/// </summary>
internal sealed class ServingOnlyWorkflowClient : IWorkflowClient
{
    public Task<bool> StartAsync(string name, string instanceId, object? input, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default) =>
        throw Refused();

    public Task<WorkflowInstance?> GetStatusAsync(string instanceId, bool includeSteps = true, CancellationToken cancellationToken = default) =>
        throw Refused();

    public Task<bool> TerminateAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        throw Refused();

    public Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default) =>
        throw Refused();

    public Task<int> PurgeEndedAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        throw Refused();

    private static ModelOpsException Refused() =>
        new(ErrorKind.Unavailable, "This host serves inference only (ModelOps:Mode=Serving): it runs no workflows.");
}
