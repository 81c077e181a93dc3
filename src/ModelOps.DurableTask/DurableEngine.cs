using System.Globalization;
using System.Security.Cryptography;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage.Connection;

namespace ModelOps.DurableTask;

/// <summary>
/// The local Durable Task engine: one <see cref="AzureStorageOrchestrationService"/> over the storage account, a
/// <see cref="TaskHubWorker"/> running the registered <c>TaskOrchestrator</c>/<c>TaskActivity</c> classes through
/// Microsoft.DurableTask's shim, and the <see cref="TaskHubClient"/> the workflow client uses. The client shares the
/// worker's service instance, so a run started here wakes this worker's poller at once.
/// </summary>
public sealed class DurableEngine : IHostedService, IAsyncDisposable
{
    private readonly DurableEngineOptions _options;
    private readonly ILogger<DurableEngine> _logger;
    private readonly TaskHubWorker _worker;
    private readonly Lazy<Task> _created;
    private int _started;

    public DurableEngine(
        IOptions<DurableEngineOptions> options,
        StorageConnection storage,
        DurableTaskRegistry registry,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(registry);
        _options = options.Value;
        _logger = loggerFactory.CreateLogger<DurableEngine>();
        WorkerId = _options.WorkerId ?? string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        Service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = _options.TaskHubName,
            StorageAccountClientProvider = ClientProvider(storage),
            WorkerId = WorkerId,
            PartitionCount = _options.PartitionCount,
            MaxQueuePollingInterval = _options.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = _options.VisibilityTimeout,
            WorkItemQueueVisibilityTimeout = _options.VisibilityTimeout,
            LeaseInterval = _options.LeaseInterval,
            LeaseAcquireInterval = _options.LeaseAcquireInterval,
            MaxConcurrentTaskActivityWorkItems = _options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = _options.MaxConcurrentOrchestrations,
            LoggerFactory = loggerFactory,
        });

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = WorkflowJson.Converter }, loggerFactory);
        _worker = new TaskHubWorker(
            Service,
            new RegisteredOrchestrations(registry, shims, services),
            new RegisteredActivities(registry, shims, services.GetRequiredService<IServiceScopeFactory>()),
            loggerFactory)
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        _worker.AddOrchestrationDispatcherMiddleware(RegisteredOrchestrations.CaptureParentAsync);
        Client = new TaskHubClient(Service, WorkflowJson.CoreDataConverter.Instance, loggerFactory);
        _created = new Lazy<Task>(() => Service.CreateIfNotExistsAsync());
    }

    /// <summary>This process's name among the workers of the task hub.</summary>
    public string WorkerId { get; }

    public AzureStorageOrchestrationService Service { get; }

    public TaskHubClient Client { get; }

    /// <summary>Creates the task hub's queues, tables and containers if they are missing; once per process.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => _created.Value.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _worker.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _started, 1);
        Log.EngineStarted(_logger, _options.TaskHubName, WorkerId, _options.PartitionCount);
    }

    /// <summary>
    /// Stops gracefully, releasing this worker's partition leases so another host takes them at once; work still running
    /// when the host's shutdown time runs out is left to reappear on the queues and run elsewhere.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 0) == 0)
        {
            return;
        }

        try
        {
            await _worker.StopAsync(isForced: false).WaitAsync(cancellationToken).ConfigureAwait(false);
            Log.EngineStopped(_logger, WorkerId);
        }
        catch (OperationCanceledException)
        {
            Log.EngineStopTimedOut(_logger, WorkerId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _worker.Dispose();
        Service.Dispose();
    }

    /// <summary>The engine's clients over the same account and credential as the stores.</summary>
    private static StorageAccountClientProvider ClientProvider(StorageConnection storage) =>
        storage.ConnectionString is { } connectionString
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!, storage.Credential!);
}
