using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ModelOps.Functions.Workflows;
using ModelOps.Retraining;

namespace ModelOps.Functions.Retraining;

/// <summary>
/// A CSV written under <c>training-data/{model}/</c> starts a retraining run of that model. Event Grid delivers the blob
/// events (at least once); the run id derives from the file's name and its current ETag, so a repeated event, or the
/// upload route that started the run already, starts nothing more.
/// </summary>
public sealed class TrainingDataTrigger(RetrainingService retraining, DurableClientAccessor durable, ILogger<TrainingDataTrigger> logger)
{
    /// <summary>The function's name; the Event Grid subscription's webhook names it (infra's DeploymentPlanner.TrainingDataFunction).</summary>
    public const string Name = "training-data";

    /// <summary>The blob path: the training-data container of the storage layout (unprefixed, as deployed).</summary>
    public const string BlobPath = "training-data/{model}/{name}";

    /// <summary>
    /// Binds the blob as a client (nothing is downloaded): <see cref="RetrainingService.StartForFileAsync(string, string, CancellationToken)"/>
    /// reads the file's current properties through the training-data store.
    /// </summary>
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
        if (TrainingDataNames.Validate(name) is not null)
        {
            Log.BlobIgnored(logger, blob.BlobContainerName, blob.Name);
            return;
        }

        if (await retraining.StartForFileAsync(model, name, cancellationToken).ConfigureAwait(false) is { } runId)
        {
            Log.BlobRun(logger, blob.BlobContainerName, blob.Name, model, runId);
        }
        else
        {
            Log.BlobNotStarted(logger, blob.BlobContainerName, blob.Name);
        }
    }
}
