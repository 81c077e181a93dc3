using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ModelOps.Functions.Workflows;
using ModelOps.Registry;
using ModelOps.Retraining;
using ModelOps.Storage;

namespace ModelOps.Functions.Retraining;

/// <summary>
/// A CSV written under <c>training-data/{model}/</c> starts a retraining run of that model. Event Grid delivers the blob
/// events (at least once); the run id derives from the blob's name and ETag, so a repeated event, or the upload route
/// that started the run already, starts nothing more.
/// </summary>
public sealed class TrainingDataTrigger(
    RetrainingService retraining,
    IArtifactStore artifacts,
    DurableClientAccessor durable,
    ILogger<TrainingDataTrigger> logger)
{
    /// <summary>The function's name; the Event Grid subscription's webhook names it (infra's DeploymentPlanner.TrainingDataFunction).</summary>
    public const string Name = "training-data";

    /// <summary>The blob path; its container is <c>RetrainingOptions.DataContainer</c>'s default.</summary>
    public const string BlobPath = "training-data/{model}/{name}";

    [Function(Name)]
    public async Task RunAsync(
        [BlobTrigger(BlobPath, Source = BlobTriggerSource.EventGrid)] BlobClient blob,
        string model,
        string name,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        durable.Client = client;
        if (ModelNames.Validate(model) is not null || !name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            Log.BlobIgnored(logger, blob.BlobContainerName, blob.Name);
            return;
        }

        // One read of the blob's properties: the ETag names this version of it (the event may be older than the blob).
        var info = await artifacts.GetInfoAsync(blob.BlobContainerName, blob.Name, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            Log.BlobGone(logger, blob.BlobContainerName, blob.Name);
            return;
        }

        if (await retraining.StartForBlobAsync(model, info, cancellationToken).ConfigureAwait(false) is { } runId)
        {
            Log.BlobRun(logger, info.Container, info.Name, info.ETag, model, runId);
        }
    }
}
