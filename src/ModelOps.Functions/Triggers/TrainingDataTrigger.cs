using Microsoft.Azure.Functions.Worker;
using ModelOps.Retraining;
using ModelOps.Storage;

namespace ModelOps.Functions.Triggers;

/// <summary>A CSV landing in <c>training-data/{model}/</c> starts one retraining run (receipts make repeats no-ops).</summary>
public sealed class TrainingDataTrigger(RetrainingService retraining, IArtifactStore artifacts)
{
    [Function("training-data")]
    public async Task RunAsync([BlobTrigger("training-data/{model}/{name}")] BinaryData _, string model, string name, CancellationToken cancellationToken)
    {
        var blob = await artifacts.GetInfoAsync("training-data", $"{model}/{name}", cancellationToken).ConfigureAwait(false);
        if (blob is not null)
        {
            await retraining.StartForBlobAsync(model, blob, cancellationToken).ConfigureAwait(false);
        }
    }
}
