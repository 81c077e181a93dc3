using ModelOps.DurableTask;
using ModelOps.Host.Demo;
using ModelOps.Host.Serving;
using ModelOps.Hosting;
using ModelOps.Http.Serving;
using ModelOps.Inference.Jobs;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Retraining;
using ModelOps.Rollouts;
using ModelOps.Workflows;

namespace ModelOps.Host;

/// <summary>
/// The local host's composition: the shared one, the local Durable Task engine (retraining, batch transform, rollouts),
/// polling triggers, the inference queue listener, the monitoring timer and the demo seeder. In serving mode
/// (<c>ModelOps:Mode=Serving</c>, the GPU serving app) only the shared composition: no engine, no triggers, no timers,
/// no recovery, no demo; the HTTP layer maps only health and inference.
/// </summary>
public static class HostServiceCollectionExtensions
{
    public static IServiceCollection AddModelOpsHost(this IServiceCollection services, IConfiguration configuration)
    {
        var modelOps = configuration.GetSection("ModelOps");
        services.AddModelOps(configuration);
        if (modelOps.GetValue(nameof(ServingOptions.Mode), HostMode.Full) == HostMode.Serving)
        {
            services.AddSingleton<IWorkflowClient, ServingOnlyWorkflowClient>();
            return services;
        }

        services.AddLocalDurableEngine(tasks => tasks.AddRetraining().AddBatchTransform().AddRollouts(), engine => modelOps.GetSection("Workflows").Bind(engine));
        services.AddRetrainingTriggers();
        services.AddMonitoringSchedule();
        services.AddInferenceQueueListener();
        services.AddHostedService<RegistryRecoveryService>();
        services.Configure<DemoOptions>(modelOps.GetSection("Demo"));
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
