using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using ModelOps.Inference;
using ModelOps.Registry;

namespace ModelOps.Rollouts;

/// <summary>Loads and warms the candidate in this process and returns its approval status (the registry is the truth) with the clock.</summary>
public sealed class PrepareRolloutActivity(ModelRegistry registry, InferenceService inference, TimeProvider time, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<Rollout, RolloutReadiness>(lifetime)
{
    public const string Name = "PrepareRollout";

    public override async Task<RolloutReadiness> RunAsync(TaskActivityContext context, Rollout input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await registry.GetVersionAsync(input.Model, input.Version, cancellationToken).ConfigureAwait(false);
        await inference.IsReadyAsync(input.Model, input.Version, cancellationToken).ConfigureAwait(false);
        var model = await registry.GetModelAsync(input.Model, cancellationToken).ConfigureAwait(false);
        var approval = version.ApprovalStatus == ApprovalStatus.PendingManualApproval && !model.RequireApproval
            ? ApprovalStatus.Approved
            : version.ApprovalStatus;
        return new RolloutReadiness(approval, time.GetUtcNow());
    }
}
