using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Rollouts;

namespace ModelOps;

/// <summary>Registration of traffic policies and live per-version numbers.</summary>
public static class TrafficServiceCollectionExtensions
{
    /// <summary>
    /// Adds traffic policies (the inference service routes unpinned requests by them) and the per-version counters
    /// rollouts' guardrails read. Needs an <see cref="ITrafficStore"/>.
    /// </summary>
    public static IServiceCollection AddTrafficRouting(this IServiceCollection services, Action<TrafficOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TrafficOptions>().Configure(o => configure?.Invoke(o)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TrafficOptions>, TrafficOptionsValidator>());
        services.TryAddSingleton<TrafficPolicies>();
        services.TryAddSingleton<VersionTraffic>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInferenceObserver, VersionTraffic>(sp => sp.GetRequiredService<VersionTraffic>()));
        return services;
    }
}
