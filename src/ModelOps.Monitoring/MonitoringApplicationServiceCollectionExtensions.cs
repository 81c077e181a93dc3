using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Inference;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Checks;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.RolloutChecks;
using ModelOps.Monitoring.Settings;
using ModelOps.Rollouts;

namespace ModelOps;

/// <summary>Registers monitoring: capture, checks, feedback, alerts, and the rollout guardrails that read them. Storage adds the stores; hosts add the timer.</summary>
public static class MonitoringApplicationServiceCollectionExtensions
{
    /// <summary>
    /// Adds traffic capture (an inference observer and its background writer), the monitoring, settings, feedback and
    /// alert services, and the core's drift analyzer. The stores come from a storage adapter
    /// (<c>AddModelOpsStorage</c>); <see cref="AddMonitoringSchedule"/> adds the local timer.
    /// </summary>
    public static IServiceCollection AddMonitoring(this IServiceCollection services, Action<MonitoringOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MonitoringOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MonitoringOptions>, MonitoringOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddModelOpsMonitoring();
        services.AddHttpClient(WebhookSender.ClientName);
        services.TryAddSingleton<MonitoringSettingsService>();
        services.TryAddSingleton<TrafficCapture>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInferenceObserver, TrafficCapture>(sp => sp.GetRequiredService<TrafficCapture>()));
        services.AddHostedService(sp => sp.GetRequiredService<TrafficCapture>());
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<AlertService>();
        services.TryAddSingleton<FeedbackService>();
        services.TryAddSingleton<MonitoringService>();
        services.TryAddSingleton<IPredictionComparer, RolloutPredictionComparer>();
        services.TryAddSingleton<IRolloutAlerts, RolloutAlerts>();
        return services;
    }

    /// <summary>Adds the local host's monitoring timer (<see cref="MonitoringScheduler"/>); the Functions app has a timer function instead.</summary>
    public static IServiceCollection AddMonitoringSchedule(this IServiceCollection services)
    {
        services.AddHostedService<MonitoringScheduler>();
        return services;
    }
}
