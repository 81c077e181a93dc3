using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Access;
using ModelOps.Audit;
using ModelOps.Monitoring.Alerts;
using ModelOps.Monitoring.Capture;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Reports;
using ModelOps.Monitoring.Retraining;
using ModelOps.Monitoring.Settings;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Storage.Access;
using ModelOps.Storage.Audit;
using ModelOps.Storage.Connection;
using ModelOps.Storage.Monitoring;
using ModelOps.Storage.Registry;
using ModelOps.Storage.Retraining;
using ModelOps.Storage.Runs;
using ModelOps.Workflows;

namespace ModelOps.Storage;

/// <summary>Registers the Azure Storage adapter.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the stores over the account of connection <paramref name="connectionName"/> (read as Functions reads
    /// it; a missing or malformed setting throws here, naming it), with <see cref="StorageOptions"/> from
    /// <c>ModelOps:Storage</c>.
    /// </summary>
    public static IServiceCollection AddModelOpsStorage(
        this IServiceCollection services,
        IConfiguration configuration,
        string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<StorageOptions>(configuration.GetSection("ModelOps:Storage"));
        return services.AddModelOpsStorage(StorageConnection.FromConfiguration(configuration, connectionName));
    }

    /// <summary>
    /// Registers <see cref="StorageAccount"/> and, as singletons, every store of the core and of retraining, and the
    /// <see cref="StorageInitializer"/> that creates the layout when the host starts.
    /// </summary>
    public static IServiceCollection AddModelOpsStorage(
        this IServiceCollection services,
        StorageConnection connection,
        Action<StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        var options = services.AddOptions<StorageOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(connection);
        services.TryAddSingleton(sp => new StorageAccount(sp.GetRequiredService<StorageConnection>(), sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddHostedService<StorageInitializer>();
        services.TryAddSingleton<IRegistryStore, TableRegistryStore>();
        services.TryAddSingleton<IModelArtifactStore, BlobModelArtifactStore>();
        services.TryAddSingleton<IBaselineStore, BlobBaselineStore>();
        services.TryAddSingleton<IRunIndex, TableRunIndex>();
        services.TryAddSingleton<IStepAttemptLog, TableStepAttemptLog>();
        services.TryAddSingleton<ITrainingConfigurationStore, TableTrainingConfigurationStore>();
        services.TryAddSingleton<ITrainingDataStore, BlobTrainingDataStore>();
        services.TryAddSingleton<IRunReportStore, BlobRunReportStore>();
        services.TryAddSingleton<IRetrainingLedger, TableRetrainingLedger>();
        services.TryAddSingleton<IAccessStore, TableAccessStore>();
        services.TryAddSingleton<IAuditStore, TableAuditStore>();
        services.TryAddSingleton<ICaptureStore, BlobCaptureStore>();
        services.TryAddSingleton<IMonitoringSettingsStore, TableMonitoringSettingsStore>();
        services.TryAddSingleton<IMonitoringReportStore, MonitoringReportStore>();
        services.TryAddSingleton<IMonitoringLedger, TableMonitoringLedger>();
        services.TryAddSingleton<IFeedbackStore, TableFeedbackStore>();
        services.TryAddSingleton<IAlertStore, TableAlertStore>();
        return services;
    }
}
