using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Onnx;
using ModelOps.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ONNX Runtime adapter.</summary>
public static class OnnxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="OnnxModelRuntime"/> as the singleton <see cref="IModelRuntime"/> (created, and ONNX Runtime's
    /// environment set up, on first resolution), configured by <paramref name="configure"/>. The options are checked
    /// when the host starts (<c>ValidateOnStart</c>), or else when the runtime is first resolved.
    /// </summary>
    public static IServiceCollection AddOnnxRuntime(this IServiceCollection services, Action<OnnxRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OnnxRuntimeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxRuntimeOptions>, OnnxRuntimeOptionsValidator>());
        services.TryAddSingleton(sp => new OnnxModelRuntime(
            sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value,
            sp.GetService<ILogger<OnnxModelRuntime>>()));
        services.TryAddSingleton<IModelRuntime>(sp => sp.GetRequiredService<OnnxModelRuntime>());
        return services;
    }
}
