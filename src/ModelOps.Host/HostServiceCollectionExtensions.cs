using ModelOps.Host.Demo;
using ModelOps.Http;
using ModelOps.Http.Security;
using ModelOps.Retraining;
using ModelOps.Storage;
using ModelOps.DurableTask;
using ModelOps.Workflows;

namespace ModelOps.Host;

/// <summary>The host's composition: every adapter and service, bound to configuration.</summary>
public static class HostServiceCollectionExtensions
{
    public static IServiceCollection AddModelOpsHost(this IServiceCollection services, IConfiguration configuration)
    {
        var modelOps = configuration.GetSection("ModelOps");
        services.AddModelOpsStorage(options =>
        {
            options.ConnectionString = configuration["AzureWebJobsStorage"] is { Length: > 0 } connection
                ? connection
                : "UseDevelopmentStorage=true";
        });
        services.AddOnnxRuntime(options => modelOps.GetSection("Onnx").Bind(options));
        services.AddModelOpsCore(
            inference => modelOps.GetSection("Inference").Bind(inference),
            registry => modelOps.GetSection("Registry").Bind(registry));
        services.Configure<WorkflowOptions>(modelOps.GetSection("Workflows"));
        services.AddLocalDurableEngine(tasks => tasks.AddRetraining(), engine => modelOps.GetSection("Workflows").Bind(engine));
        services.AddRetraining(retraining => modelOps.GetSection("Retraining").Bind(retraining));
        services.Configure<DemoOptions>(modelOps.GetSection("Demo"));
        services.AddHostedService<DemoSeeder>();
        services.AddModelOpsHttp();
        services.Configure<ApiKeyOptions>(modelOps);
        services.Configure<HttpOptions>(modelOps.GetSection("Http"));
        return services;
    }
}
