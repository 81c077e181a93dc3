using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>Registration of the local Durable Task engine.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the orchestrators and activities <paramref name="tasks"/> adds to the <see cref="DurableTaskRegistry"/>
    /// (calls add up), the <see cref="DurableEngine"/> as a hosted service, <see cref="IWorkflowClient"/> over it, and the
    /// purge timer. Needs the storage adapter (the engine uses its account) and the core's <see cref="WorkflowRuns"/>.
    /// </summary>
    public static IServiceCollection AddLocalDurableEngine(
        this IServiceCollection services,
        Action<DurableTaskRegistry> tasks,
        Action<DurableEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(tasks);
        services.AddOptions<DurableTaskRegistry>().Configure(tasks);
        var options = services.AddOptions<DurableEngineOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableEngineOptions>, DurableEngineOptionsValidator>());
        if (!services.Any(d => d.ServiceType == typeof(DurableEngine)))
        {
            services.TryAddSingleton(TimeProvider.System);
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DurableEngine>(
                sp, sp.GetRequiredService<IOptions<DurableTaskRegistry>>().Value));
            services.AddHostedService(sp => sp.GetRequiredService<DurableEngine>());
            services.TryAddSingleton<IWorkflowClient, LocalWorkflowClient>();
            services.AddHostedService<RunPurgeService>();
        }

        return services;
    }
}
