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
using ModelOps.Workflows;

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
    private readonly TimeProvider _time;
    private readonly Lock _creating = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _created;
    private Task? _starting;
    private int _started;
    private int _disposed;

    public DurableEngine(
        IOptions<DurableEngineOptions> options,
        StorageConnection storage,
        DurableTaskRegistry registry,
        IServiceProvider services,
        TimeProvider time,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(registry);
        _options = options.Value;
        _time = time;
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
            // The app lease keeps a second *deployment* off a task hub during blue-green swaps; our hosts are one app,
            // and with it a host restarted after a crash would wait out the dead one's lease before starting.
            UseAppLease = false,
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
        var recorder = new StepAttemptRecorder(services.GetRequiredService<IStepAttemptLog>(), time, _logger, _stopping.Token);
        _worker.AddActivityDispatcherMiddleware(recorder.RecordAsync);
        Client = new TaskHubClient(Service, WorkflowJson.CoreDataConverter.Instance, loggerFactory);
    }

    /// <summary>This process's name among the workers of the task hub.</summary>
    public string WorkerId { get; }

    public AzureStorageOrchestrationService Service { get; }

    public TaskHubClient Client { get; }

    /// <summary>
    /// Creates the task hub's queues, tables and containers if they are missing: once per process; a failed attempt
    /// (storage unreachable) is tried again by the next caller.
    /// </summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        lock (_creating)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = Service.CreateIfNotExistsAsync();
            }

            return _created.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Starts the worker in the background, so the host serves (and reports itself not ready) while storage cannot be
    /// reached; each failed start is logged and tried again after a growing pause (1 s to 30 s).
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = RunStartAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully, releasing this worker's partition leases so another host takes them at once; work still running
    /// when the host's shutdown time runs out is left to reappear on the queues and run elsewhere.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_starting is not null)
        {
            await _starting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

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

    /// <summary>Stops and releases the engine; idempotent (the container disposes it as a singleton and as a hosted service).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _worker.Dispose();
        Service.Dispose();
        _stopping.Dispose();
    }

    private async Task RunStartAsync(CancellationToken stopping)
    {
        var pause = TimeSpan.FromSeconds(1);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await EnsureCreatedAsync(stopping).ConfigureAwait(false);
                await _worker.StartAsync().WaitAsync(stopping).ConfigureAwait(false);
                Interlocked.Exchange(ref _started, 1);
                Log.EngineStarted(_logger, _options.TaskHubName, WorkerId, _options.PartitionCount);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                Log.EngineStartFailed(_logger, _options.TaskHubName, pause, exception);
                await Task.Delay(pause, _time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>The engine's clients over the same account and credential as the stores.</summary>
    private static StorageAccountClientProvider ClientProvider(StorageConnection storage) =>
        storage.ConnectionString is { } connectionString
            ? new StorageAccountClientProvider(connectionString)
            : new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!, storage.Credential!);
}
