using ModelOps.DurableTask;
using ModelOps.Host.Demo;
using ModelOps.Hosting;
using ModelOps.Inference.Jobs;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Retraining;
using ModelOps.Rollouts;

namespace ModelOps.Host;

/// <summary>The local host's composition: the shared one, the local Durable Task engine (retraining and batch transform), polling triggers, the inference queue listener, the monitoring timer and the demo seeder.</summary>
public static class HostServiceCollectionExtensions
{
    public static IServiceCollection AddModelOpsHost(this IServiceCollection services, IConfiguration configuration)
    {
        var modelOps = configuration.GetSection("ModelOps");
        services.AddModelOps(configuration);
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
