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
    /// Registers <see cref="OnnxModelRuntime"/> as the singleton <see cref="IModelRuntime"/> (created, and the native
    /// library loaded, on first resolution), configured by <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddOnnxRuntime(this IServiceCollection services, Action<OnnxRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<OnnxRuntimeOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        services.TryAddSingleton(sp => new OnnxModelRuntime(
            sp.GetRequiredService<IOptions<OnnxRuntimeOptions>>().Value,
            sp.GetService<ILogger<OnnxModelRuntime>>()));
        services.TryAddSingleton<IModelRuntime>(sp => sp.GetRequiredService<OnnxModelRuntime>());
        return services;
    }
}
