using System.Text;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps.DurableTask;
using ModelOps.Inference.Jobs.Batch;
using ModelOps.Inference.Jobs.Queue;
using ModelOps.Registry;
using ModelOps.Storage;
using ModelOps.Storage.Connection;
using ModelOps.Testing;
using ModelOps.Workflows;

namespace ModelOps.Inference.Jobs.Tests;

/// <summary>
/// A host as the local one composes queue inference and batch transform (storage over Azurite with a prefix of its own,
/// ONNX Runtime, the core, the Durable Task engine on a task hub of its own), with or without the queue listener.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly IHost _host;

    private JobsHost(IHost host, string prefix)
    {
        _host = host;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public IServiceProvider Services => _host.Services;

    public StorageAccount Account => Services.GetRequiredService<StorageAccount>();

    public ModelRegistry Registry => Services.GetRequiredService<ModelRegistry>();

    public QueueInferenceService Queue => Services.GetRequiredService<QueueInferenceService>();

    public BatchTransformService Batch => Services.GetRequiredService<BatchTransformService>();

    public IWorkflowClient Client => Services.GetRequiredService<IWorkflowClient>();

    public static async Task<JobsHost> StartAsync(AzuriteFixture azurite, bool listener = false, Action<InferenceJobsOptions>? configure = null, string? prefix = null)
    {
        prefix ??= AzuriteFixture.UniquePrefix();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddModelOpsStorage(StorageConnection.FromConnectionString(azurite.ConnectionString), o => o.NamePrefix = prefix);
        builder.Services.AddOnnxRuntime();
        builder.Services.AddModelOpsCore();
        builder.Services.AddLocalDurableEngine(tasks => tasks.AddBatchTransform(), o =>
        {
            o.TaskHubName = "hub" + prefix;
            o.PartitionCount = 1;
            o.MaxQueuePollingInterval = TimeSpan.FromMilliseconds(100);
        });
        builder.Services.AddInferenceJobs(o =>
        {
            o.Queue.MinPollingInterval = TimeSpan.FromMilliseconds(20);
            o.Queue.MaxPollingInterval = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(o);
        });
        if (listener)
        {
            builder.Services.AddInferenceQueueListener();
        }

        var host = builder.Build();
        await host.StartAsync();
        return new JobsHost(host, prefix);
    }

    /// <summary>A blob of a container as callers name it (<c>inference-results</c>, <c>batch-input</c>...).</summary>
    public BlobClient Blob(string container, string name) =>
        Account.Blobs.GetBlobContainerClient(Account.Names.ContainerFor(container)).GetBlobClient(name);

    public Task UploadAsync(string container, string name, string text) =>
        Blob(container, name).UploadAsync(BinaryData.FromString(text), overwrite: true);

    /// <summary>A blob's text, or null when it does not exist.</summary>
    public async Task<string?> ReadAsync(string container, string name)
    {
        var blob = Blob(container, name);
        return await blob.ExistsAsync() ? (await blob.DownloadContentAsync()).Value.Content.ToString() : null;
    }

    /// <summary>The names of a container's blobs under a prefix.</summary>
    public async Task<List<string>> ListAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in Account.Blobs.GetBlobContainerClient(Account.Names.ContainerFor(container)).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix }))
        {
            names.Add(item.Name);
        }

        return names;
    }

    /// <summary>The messages of the inference queue or its poison queue, as stored (raw text), without taking them.</summary>
    public async Task<List<string>> PeekAsync(bool poison)
    {
        var queue = Account.RawQueues.GetQueueClient(poison ? Account.Names.InferencePoisonQueue : Account.Names.InferenceQueue);
        var messages = await queue.PeekMessagesAsync(32);
        return [.. messages.Value.Select(m => m.Body.ToString())];
    }

    /// <summary>Enqueues text as stored (no encoding), as a producer that ignores the queue's encoding would.</summary>
    /// <summary>Sends <paramref name="text"/> as stored, once the layout exists (the listener may not have created it yet).</summary>
    public async Task SendRawAsync(string text)
    {
        await Account.EnsureCreatedAsync();
        await Account.RawQueues.GetQueueClient(Account.Names.InferenceQueue).SendMessageAsync(text);
    }

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(cts.Token);
        _host.Dispose();
    }
}
