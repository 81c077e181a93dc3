using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps.Registry;
using ModelOps.Storage;
using ModelOps.Testing;
using ModelOps.DurableTask;
using ModelOps.Workflows;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>
/// A host as the real one composes it (storage over Azurite, ONNX Runtime, registry, the Durable Task engine, retraining),
/// on storage names of its own. Triggers are off unless asked for: tests sweep and tick themselves.
/// </summary>
public sealed class RetrainingHost : IAsyncDisposable
{
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

    public TrainingConfigurationStore Configurations => Services.GetRequiredService<TrainingConfigurationStore>();

    public BlobDropWatcher Watcher => Services.GetRequiredService<BlobDropWatcher>();

    public RetrainingOptions Options => Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RetrainingOptions>>().Value;

    public static async Task<RetrainingHost> StartAsync(
        AzuriteFixture azurite,
        RetrainingNames? names = null,
        TimeProvider? time = null,
        bool triggers = false)
    {
        names ??= new RetrainingNames();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddModelOpsStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.RunIndexTableName = names.Table("runs");
        });
        builder.Services.AddOnnxRuntime();
        builder.Services.AddModelOpsCore(configureRegistry: o =>
        {
            o.TableName = names.Table("registry");
            o.ContainerName = names.Container("models");
        });
        builder.Services.AddLocalDurableEngine(tasks => tasks.AddRetraining(), o =>
        {
            o.TaskHubName = names.TaskHub;
            o.PartitionCount = 2;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        });
        builder.Services.AddRetraining(o =>
        {
            o.TableName = names.Table("retraining");
            o.ReceiptTableName = names.Table("receipts");
            o.DataContainer = names.Container("data");
            o.ReportContainer = names.Container("reports");
            o.BaselineContainer = names.Container("baselines");
            o.WorkDirectory = Path.Combine(Path.GetTempPath(), "modelops-retraining-tests", names.Prefix);
            o.EnableTriggers = triggers;
            o.WatchInterval = TimeSpan.FromMilliseconds(200);
        });
        builder.Services.AddRetrainingTriggers();
        var host = builder.Build();
        await host.StartAsync();
        return new RetrainingHost(host, names);
    }

    /// <summary>Writes a CSV into the model's training data and returns the blob's properties.</summary>
    public Task<ArtifactInfo> DropAsync(string model, string name, string csv) => DropAsync(model, name, Encoding.UTF8.GetBytes(csv));

    public async Task<ArtifactInfo> DropAsync(string model, string name, byte[] content)
    {
        var blobs = Services.GetRequiredService<IArtifactStore>();
        await Services.GetRequiredService<RetrainingArtifacts>().EnsureContainersAsync();
        using var stream = new MemoryStream(content);
        return await blobs.UploadAsync(Options.DataContainer, $"{model}/{name}", stream);
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

    public async Task<byte[]?> ReadBlobAsync(string container, string name)
    {
        var download = await Services.GetRequiredService<IArtifactStore>().OpenReadAsync(container, name);
        if (download is null)
        {
            return null;
        }

        await using (download)
        {
            using var buffer = new MemoryStream();
            await download.Content.CopyToAsync(buffer);
            return buffer.ToArray();
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }
}
