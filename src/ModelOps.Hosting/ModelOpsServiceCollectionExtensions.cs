using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Access;
using ModelOps.Http;
using ModelOps.Http.Security;
using ModelOps.Http.Serving;
using ModelOps.Inference.Jobs;
using ModelOps.Retraining;
using ModelOps.Storage;
using ModelOps.Workflows;

namespace ModelOps.Hosting;

/// <summary>The service composition of ModelOps, shared by the local host and the Functions app.</summary>
public static class ModelOpsServiceCollectionExtensions
{
    /// <summary>
    /// Registers storage (from <c>AzureWebJobsStorage</c>), ONNX Runtime, the registry, inference (with server-side
    /// batching), runs, retraining, queue inference and batch transform, monitoring, telemetry and the HTTP layer, each
    /// bound to its section of <c>ModelOps</c> in <paramref name="configuration"/>. The host adds a workflow engine (an
    /// <see cref="IWorkflowClient"/>) running the retraining and batch transform orchestrations, and its triggers (a queue
    /// listener or queue-triggered function for <c>modelops-inference</c>).
    /// </summary>
    public static IServiceCollection AddModelOps(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var modelOps = configuration.GetSection("ModelOps");
        services.AddModelOpsStorage(configuration);
        services.AddOnnxRuntime(options => modelOps.GetSection("Onnx").Bind(options));
        services.AddModelOpsCore(
            inference => modelOps.GetSection("Inference").Bind(inference),
            registry => modelOps.GetSection("Registry").Bind(registry));
        services.Configure<WorkflowOptions>(modelOps.GetSection("Workflows"));
        services.AddRetraining(retraining => modelOps.GetSection("Retraining").Bind(retraining));
        services.AddInferenceJobs(jobs => modelOps.GetSection("Inference").Bind(jobs));
        services.AddRollouts(rollouts => modelOps.GetSection("Rollouts").Bind(rollouts), traffic => modelOps.GetSection("Traffic").Bind(traffic));
        services.AddModelOpsAccess(
            access => modelOps.GetSection("Access").Bind(access),
            audit => modelOps.GetSection("Audit").Bind(audit));
        services.AddMonitoring(monitoring => modelOps.GetSection("Monitoring").Bind(monitoring));
        services.AddModelOpsTelemetry(configuration);
        services.AddModelOpsHttp();
        services.Configure<ApiKeyOptions>(modelOps);
        services.Configure<AuthOptions>(modelOps.GetSection("Auth"));
        services.Configure<HttpOptions>(modelOps.GetSection("Http"));
        services.Configure<ServingOptions>(modelOps);
        return services;
    }
}
