using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelOps.Retraining;

/// <summary>Registration of retraining's services and triggers.</summary>
public static class RetrainingServiceCollectionExtensions
{
    /// <summary>
    /// Registers configuration store, artifacts, scorer, external trainer, the run starter and the blob-drop and schedule
    /// triggers (hosts run them: <see cref="AddRetrainingTriggers"/>, or trigger functions). The orchestration and
    /// its activities are registered with the engine by the host (<see cref="RetrainingTasks.AddRetraining"/>). Needs the
    /// storage ports, the model runtime, the registry and a workflow engine.
    /// </summary>
    public static IServiceCollection AddRetraining(this IServiceCollection services, Action<RetrainingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RetrainingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<RetrainingOptions>, RetrainingOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<RetrainingOptions>, ExternalTrainersValidator>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrainingConfigurations>();
        services.TryAddSingleton<RetrainingArtifacts>();
        services.TryAddSingleton<TrainingDataFiles>();
        services.TryAddSingleton<ModelScorer>();
        services.TryAddSingleton<ExternalTrainer>();
        services.TryAddSingleton<RetrainingService>();
        services.TryAddSingleton<ApprovalNotifier>();
        services.TryAddSingleton<BlobDropWatcher>();
        services.TryAddSingleton<ScheduleTrigger>();
        return services;
    }

    /// <summary>
    /// Runs the blob-drop watcher and the schedule trigger as hosted services (the local host's polling triggers; the
    /// Functions app has a blob trigger and a timer function instead). Off with <see cref="RetrainingOptions.EnableTriggers"/>.
    /// </summary>
    public static IServiceCollection AddRetrainingTriggers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService(sp => sp.GetRequiredService<BlobDropWatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleTrigger>());
        return services;
    }
}
