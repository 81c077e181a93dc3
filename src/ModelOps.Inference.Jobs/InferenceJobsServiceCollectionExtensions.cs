using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Queue;

namespace ModelOps.Inference.Jobs;

/// <summary>Registration of queue inference and batch transform.</summary>
public static class InferenceJobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the path guard, the queue inference service and the batch transform service. Needs the core, the storage
    /// ports and a workflow engine; hosts register the batch orchestration with their engine
    /// (<see cref="BatchTransformTasks.AddBatchTransform"/>) and a queue trigger (<see cref="AddInferenceQueueListener"/>
    /// locally, a queue-triggered function on Azure).
    /// </summary>
    public static IServiceCollection AddInferenceJobs(this IServiceCollection services, Action<InferenceJobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<InferenceJobsOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceJobsOptions>, InferenceJobsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BlobPathGuard>();
        services.TryAddSingleton<QueueInferenceService>();
        services.TryAddSingleton<BatchTransformService>();
        return services;
    }

    /// <summary>The local host's listener on the inference queue (the Functions app has a queue-triggered function instead).</summary>
    public static IServiceCollection AddInferenceQueueListener(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<InferenceQueueListener>();
        return services;
    }
}
