using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelOps.Monitoring.Drift;

namespace ModelOps;

/// <summary>Registers the core's monitoring services.</summary>
public static class MonitoringServiceCollectionExtensions
{
    /// <summary>Adds the drift analyzer (pure: per-model settings are passed to each check).</summary>
    public static IServiceCollection AddModelOpsMonitoring(this IServiceCollection services)
    {
        services.TryAddSingleton<DriftAnalyzer>();
        return services;
    }
}
