using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelOps.Inference;
using ModelOps.Registry;

namespace ModelOps;

/// <summary>Registers the core's registry and inference services.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>Adds the registry, the model cache and the inference service. Storage ports and a runtime must be added too.</summary>
    public static IServiceCollection AddModelOpsCore(
        this IServiceCollection services,
        Action<InferenceOptions>? configureInference = null,
        Action<RegistryOptions>? configureRegistry = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InferenceOptions>().Configure(o => configureInference?.Invoke(o))
            .Validate(o => o.CacheBudgetBytes > 0 && o.AliasCacheDuration >= TimeSpan.Zero, "Inference options: the cache budget must be positive and the alias cache duration not negative.")
            .ValidateOnStart();
        services.AddOptions<RegistryOptions>().Configure(o => configureRegistry?.Invoke(o))
            .Validate(o => !string.IsNullOrWhiteSpace(o.TableName) && !string.IsNullOrWhiteSpace(o.ContainerName), "Registry options: table and container names are required.")
            .ValidateOnStart();
        services.TryAddSingleton<ModelRegistry>();
        services.TryAddSingleton<ModelCache>();
        services.TryAddSingleton<InferenceService>();
        return services;
    }
}
