using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps.Inference;
using ModelOps.Registry;
using ModelOps.Rollouts;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Testing;
using ModelOps.DurableTask;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>
/// A host as the real one composes it (storage over Azurite, ONNX Runtime, registry, the Durable Task engine, retraining,
/// rollouts, monitoring),
/// on storage names of its own. Triggers are off unless asked for: tests sweep and tick themselves.
/// </summary>
public sealed class RetrainingHost : IAsyncDisposable
{
    /// <summary>The test trainer (External/trainer.py) as an operator would declare it, with a two-minute time limit.</summary>
    public const string PythonTrainer = "python-test";

    /// <summary>The same trainer with a three-second time limit.</summary>
    public const string QuickPythonTrainer = "python-test-quick";

    private readonly IHost _host;

    private RetrainingHost(IHost host, RetrainingNames names)
    {
        _host = host;
        Names = names;
    }

    public RetrainingNames Names { get; }

    public IServiceProvider Services => _host.Services;

    public IWorkflowClient Client => Services.GetRequiredService<IWorkflowClient>();

    public WorkflowRuns Runs => Services.GetRequiredService<WorkflowRuns>();

    public ModelRegistry Registry => Services.GetRequiredService<ModelRegistry>();

    public RetrainingService Retraining => Services.GetRequiredService<RetrainingService>();

    public TrainingConfigurations Configurations => Services.GetRequiredService<TrainingConfigurations>();

    public BlobDropWatcher Watcher => Services.GetRequiredService<BlobDropWatcher>();

    public RolloutService Rollouts => Services.GetRequiredService<RolloutService>();

    public TrafficPolicies Traffic => Services.GetRequiredService<TrafficPolicies>();

    public InferenceService Inference => Services.GetRequiredService<InferenceService>();

    public RetrainingOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrainingOptions>>().Value;

    public static async Task<RetrainingHost> StartAsync(
        AzuriteFixture azurite,
        RetrainingNames? names = null,
        TimeProvider? time = null,
        bool triggers = false,
        Action<RolloutOptions>? rollouts = null)
    {
        names ??= new RetrainingNames();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddModelOpsStorage(StorageConnection.FromConnectionString(azurite.ConnectionString), o => o.NamePrefix = names.Prefix);
        builder.Services.AddOnnxRuntime();
        builder.Services.AddModelOpsCore();
        builder.Services.AddLocalDurableEngine(tasks => tasks.AddRetraining().AddRollouts(), o =>
        {
            o.TaskHubName = names.TaskHub;
            o.PartitionCount = 2;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        });
        builder.Services.AddRetraining(o =>
        {
            o.WorkDirectory = Path.Combine(Path.GetTempPath(), "modelops-retraining-tests", names.Prefix);
            o.EnableTriggers = triggers;
            o.WatchInterval = TimeSpan.FromMilliseconds(200);
            o.ExternalTrainers[PythonTrainer] = PythonTrainerOptions(TimeSpan.FromMinutes(2));
            o.ExternalTrainers[QuickPythonTrainer] = PythonTrainerOptions(TimeSpan.FromSeconds(3));
        });
        builder.Services.AddRetrainingTriggers();
        builder.Services.AddRollouts(o =>
        {
            o.FlushInterval = TimeSpan.FromMilliseconds(200);
            rollouts?.Invoke(o);
        });
        builder.Services.AddMonitoring();
        var host = builder.Build();
        await host.StartAsync();
        return new RetrainingHost(host, names);
    }

    private static ExternalTrainerOptions PythonTrainerOptions(TimeSpan timeLimit) => new()
    {
        Command = ["/usr/bin/python3", Path.Combine(AppContext.BaseDirectory, "External", "trainer.py"), "--mode", "{param:mode}"],
        Environment = { ["MODELOPS_TEST_MARKER"] = "declared" },
        TimeLimit = timeLimit,
    };

    /// <summary>The storage layout's names (containers, tables) of this host.</summary>
    public StorageNames StorageNames => Services.GetRequiredService<StorageAccount>().Names;

    /// <summary>Writes a CSV into the model's training data and returns the file's properties.</summary>
    public Task<TrainingDataFile> DropAsync(string model, string name, string csv) => DropAsync(model, name, Encoding.UTF8.GetBytes(csv));

    public async Task<TrainingDataFile> DropAsync(string model, string name, byte[] content)
    {
        using var stream = new MemoryStream(content);
        return await Services.GetRequiredService<ITrainingDataStore>().UploadAsync(model, name, stream);
    }

    /// <summary>Starts a manual run on one blob and waits (bounded) until it ends.</summary>
    public async Task<WorkflowInstance> RunAsync(string model, string dataBlob, TimeSpan? timeout = null)
    {
        var id = await Retraining.StartManualAsync(model, dataBlob);
        return await WaitAsync(id, timeout);
    }

    /// <summary>Polls the run's status until it has ended; fails the test after <paramref name="timeout"/> (default 2 min).</summary>
    public Task<WorkflowInstance> WaitAsync(string id, TimeSpan? timeout = null) => Client.WaitForEndAsync(id, timeout);

    /// <summary>An activity of the retraining orchestration, made as the engine makes it.</summary>
    public T Activity<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    /// <summary>A file a run wrote (report, candidate); null when there is none.</summary>
    public Task<byte[]?> ReadReportAsync(string model, string runId, string file) =>
        Services.GetRequiredService<IRunReportStore>().ReadAsync(model, runId, file);

    /// <summary>A file of a version's baseline; null when there is none.</summary>
    public Task<byte[]?> ReadBaselineAsync(string model, int version, string file) =>
        Services.GetRequiredService<IBaselineStore>().ReadAsync(model, version, file);

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }
}
