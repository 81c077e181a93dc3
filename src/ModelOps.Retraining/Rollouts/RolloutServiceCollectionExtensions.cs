using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Rollouts;

namespace ModelOps.Retraining;

/// <summary>Registration of rollouts.</summary>
public static class RolloutServiceCollectionExtensions
{
    /// <summary>
    /// Adds traffic routing, the rollout service and the flusher of live numbers (a hosted service). The orchestration is
    /// registered with the engine by the host (<see cref="RolloutTasks.AddRollouts"/>). Needs the rollout and traffic stores.
    /// </summary>
    public static IServiceCollection AddRollouts(
        this IServiceCollection services,
        Action<RolloutOptions>? configure = null,
        Action<TrafficOptions>? configureTraffic = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTrafficRouting(configureTraffic);
        services.AddOptions<RolloutOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>());
        services.TryAddSingleton<RolloutService>();
        services.TryAddSingleton<VersionTrafficFlusher>();
        services.AddHostedService(sp => sp.GetRequiredService<VersionTrafficFlusher>());
        return services;
    }
}
