using ModelOps.Http;
using ModelOps.Http.Security;
using ModelOps.Storage;

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
        services.AddModelOpsHttp();
        services.Configure<ApiKeyOptions>(modelOps);
        services.Configure<HttpOptions>(modelOps.GetSection("Http"));
        return services;
    }
}
