using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using ModelOps.Inference;
using ModelOps.Registry;

namespace ModelOps.Rollouts;

/// <summary>Loads and warms the candidate in this process and returns its approval status (the registry is the truth).</summary>
public sealed class PrepareRolloutActivity(ModelRegistry registry, InferenceService inference, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<Rollout, ApprovalStatus>(lifetime)
{
    public const string Name = "PrepareRollout";

    public override async Task<ApprovalStatus> RunAsync(TaskActivityContext context, Rollout input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await registry.GetVersionAsync(input.Model, input.Version, cancellationToken).ConfigureAwait(false);
        await inference.IsReadyAsync(input.Model, input.Version, cancellationToken).ConfigureAwait(false);
        var model = await registry.GetModelAsync(input.Model, cancellationToken).ConfigureAwait(false);
        return version.ApprovalStatus == ApprovalStatus.PendingManualApproval && !model.RequireApproval
            ? ApprovalStatus.Approved
            : version.ApprovalStatus;
    }
}
