using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelOps.Workflows.Registration;

namespace ModelOps.Workflows;

/// <summary>Registers workflow and activity classes by name; see <see cref="WorkflowServiceCollectionExtensions.AddWorkflows"/>.</summary>
public sealed class WorkflowBuilder
{
    private readonly WorkflowRegistry _registry;

    internal WorkflowBuilder(IServiceCollection services, WorkflowRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    public IServiceCollection Services { get; }

    /// <summary>Registers a workflow class (an <see cref="IWorkflow{TInput, TOutput}"/>) under <paramref name="name"/>, by default its class name.</summary>
    public WorkflowBuilder AddWorkflow<TWorkflow>(string? name = null)
        where TWorkflow : class
    {
        _registry.Add(Invokers.ForWorkflow(typeof(TWorkflow), name));
        Services.TryAddTransient<TWorkflow>();
        return this;
    }

    /// <summary>Registers an activity class (an <see cref="IActivity{TInput, TOutput}"/>) under <paramref name="name"/>, by default its class name.</summary>
    public WorkflowBuilder AddActivity<TActivity>(string? name = null)
        where TActivity : class
    {
        _registry.Add(Invokers.ForActivity(typeof(TActivity), name));
        Services.TryAddTransient<TActivity>();
        return this;
    }

    /// <summary>Adjusts the runner's settings (validated at start-up).</summary>
    public WorkflowBuilder ConfigureRunner(Action<WorkflowRunnerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
