using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Inference.Batching;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps;

/// <summary>Registers the core's registry and inference services.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry, the model cache (serving batchable models through server-side batching), the inference service,
    /// serving settings and the runs service. Storage ports, a runtime and a workflow engine must be added too.
    /// </summary>
    public static IServiceCollection AddModelOpsCore(
        this IServiceCollection services,
        Action<InferenceOptions>? configureInference = null,
        Action<RegistryOptions>? configureRegistry = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InferenceOptions>().Configure(o => configureInference?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceOptions>, InferenceOptionsValidator>());
        services.AddOptions<RegistryOptions>().Configure(o => configureRegistry?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>());
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<ServingSettingsService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IModelSessionDecorator, BatchingSessionDecorator>());
        services.TryAddSingleton<InferenceService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInferenceObserver, Telemetry.InferenceMetrics>());
        services.AddOptions<WorkflowOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>());
        services.TryAddSingleton<WorkflowRuns>();
        return services;
    }
}
