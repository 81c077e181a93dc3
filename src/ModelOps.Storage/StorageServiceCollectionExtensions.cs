using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ModelOps.Storage.Blobs;
using ModelOps.Storage.Queues;
using ModelOps.Storage.Runs;
using ModelOps.Storage.Tables;
using ModelOps.Workflows;

namespace ModelOps.Storage;

/// <summary>Registers the storage adapter.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageAccount"/> and, as singletons, <see cref="IArtifactStore"/> (<see cref="BlobArtifactStore"/>),
    /// <see cref="IMetadataStore"/> (<see cref="TableMetadataStore"/>) and <see cref="IWorkQueue"/> (<see cref="QueueWorkQueue"/>).
    /// The options are checked when the host starts (<c>ValidateOnStart</c>), or else when the account is first resolved. A <see cref="TimeProvider"/> in the container is used for
    /// request dates; otherwise the system clock.
    /// </summary>
    public static IServiceCollection AddModelOpsStorage(this IServiceCollection services, Action<StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StorageOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(sp => StorageAccount.Create(
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IArtifactStore>(sp => new BlobArtifactStore(
            sp.GetRequiredService<StorageAccount>().Blobs, Logger<BlobArtifactStore>(sp)));
        services.TryAddSingleton<IMetadataStore>(sp => new TableMetadataStore(
            sp.GetRequiredService<StorageAccount>().Tables, Logger<TableMetadataStore>(sp)));
        services.TryAddSingleton<IWorkQueue>(sp => new QueueWorkQueue(
            sp.GetRequiredService<StorageAccount>().Queues, Logger<QueueWorkQueue>(sp)));
        services.TryAddSingleton<IRunIndex>(sp => new TableRunIndex(
            sp.GetRequiredService<IMetadataStore>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value.RunIndexTableName));
        return services;
    }

    private static ILogger<T> Logger<T>(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<T>();
}
