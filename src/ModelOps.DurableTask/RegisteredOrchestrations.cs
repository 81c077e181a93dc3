using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;

namespace ModelOps.DurableTask;

/// <summary>
/// Hands DurableTask.Core the orchestrators of the <see cref="DurableTaskRegistry"/>, each wrapped in Microsoft.DurableTask's
/// shim. The shim needs the parent of a sub-orchestration, which DurableTask.Core knows only once it dispatches the work
/// item, so the shim is created inside <c>Execute</c> with the parent a dispatcher middleware captured.
/// </summary>
internal sealed class RegisteredOrchestrations : INameVersionObjectManager<TaskOrchestration>
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _factories;
    private readonly DurableTaskShimFactory _shims;
    private readonly IServiceProvider _services;

    public RegisteredOrchestrations(DurableTaskRegistry registry, DurableTaskShimFactory shims, IServiceProvider services)
    {
        _factories = registry.GetOrchestrators().ToDictionary(o => o.Key.Name, o => o.Value, StringComparer.OrdinalIgnoreCase);
        _shims = shims;
        _services = services;
    }

    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Orchestrators are registered in the DurableTaskRegistry.");

    public TaskOrchestration? GetObject(string name, string? version)
    {
        return _factories.TryGetValue(name, out var create) ? new Deferred(new TaskName(name), create(_services), _shims) : null;
    }

    /// <summary>Gives the orchestration about to run its parent instance (null for a top-level run).</summary>
    public static async Task CaptureParentAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is Deferred deferred
            && context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance is { } parent)
        {
            deferred.Parent = new ParentOrchestrationInstance(new TaskName(parent.Name), parent.OrchestrationInstance.InstanceId);
        }

        await next().ConfigureAwait(false);
    }

    /// <summary>An orchestration whose shim is made when it first executes, once its parent is known.</summary>
    private sealed class Deferred(TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
    {
        private TaskOrchestration? _shim;

        public ParentOrchestrationInstance? Parent { get; set; }

        public override Task<string> Execute(OrchestrationContext context, string input)
        {
            _shim ??= shims.CreateOrchestration(name, orchestrator, Parent);
            return _shim.Execute(context, input);
        }

        public override string? GetStatus() => _shim?.GetStatus();

        public override void RaiseEvent(OrchestrationContext context, string name, string input) => _shim?.RaiseEvent(context, name, input);
    }
}
