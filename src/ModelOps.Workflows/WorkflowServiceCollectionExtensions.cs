using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage;
using ModelOps.Workflows.Persistence;
using ModelOps.Workflows.Registration;
using ModelOps.Workflows.Runner;

namespace ModelOps.Workflows;

/// <summary>Registration of the local durable runner.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Registers workflows and activities, the <see cref="IWorkflowClient"/> and the <see cref="WorkflowRunner"/>
    /// hosted service. Needs the storage ports (<see cref="IMetadataStore"/>, <see cref="IWorkQueue"/>) registered, e.g. by
    /// <c>AddModelOpsStorage</c>. May be called more than once; registrations add up.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, Action<WorkflowBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (!services.Any(d => d.ServiceType == typeof(WorkflowRunner)))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<WorkflowRunnerOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowRunnerOptions>, WorkflowRunnerOptionsValidator>());
            services.TryAddSingleton<WorkflowStore>();
            services.TryAddSingleton<WorkItemProcessor>();
            services.TryAddSingleton<IWorkflowClient, WorkflowClient>();
            services.AddSingleton(sp => new WorkflowRunner(
                sp.GetRequiredService<WorkflowStore>(),
                sp.GetRequiredService<WorkItemProcessor>(),
                sp.GetRequiredService<IWorkQueue>(),
                sp.GetRequiredService<IOptions<WorkflowRunnerOptions>>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<WorkflowRunner>>()));
            services.AddHostedService(sp => sp.GetRequiredService<WorkflowRunner>());
        }

        return services.AddWorkflowRegistrations(configure);
    }

    /// <summary>
    /// Registers workflow and activity classes in the <see cref="WorkflowRegistry"/> without the local runner, for hosts
    /// where another engine (Durable Functions) runs them. May be called more than once; registrations add up.
    /// </summary>
    public static IServiceCollection AddWorkflowRegistrations(this IServiceCollection services, Action<WorkflowBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var registry = services.FirstOrDefault(d => d.ServiceType == typeof(WorkflowRegistry))?.ImplementationInstance as WorkflowRegistry;
        if (registry is null)
        {
            registry = new WorkflowRegistry();
            services.AddSingleton(registry);
        }

        configure(new WorkflowBuilder(services, registry));
        return services;
    }
}
