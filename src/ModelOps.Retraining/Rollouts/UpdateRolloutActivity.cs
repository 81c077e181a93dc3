using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;
using ModelOps.Registry;

namespace ModelOps.Rollouts;

/// <summary>
/// Applies a rollout's traffic change (policy and history entry in one write, so never half-applied), points the champion
/// at the candidate when it has won, then saves the rollout's record. Idempotent: a retry rewrites the same entries.
/// </summary>
public sealed class UpdateRolloutActivity(TrafficPolicies traffic, ModelRegistry registry, IRolloutStore rollouts, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<RolloutUpdate, bool>(lifetime)
{
    public const string Name = "UpdateRollout";

    public override async Task<bool> RunAsync(TaskActivityContext context, RolloutUpdate input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var rollout = input.Rollout;
        if (input.SetChampion)
        {
            await registry.SetAliasAsync(rollout.Model, ModelRegistry.ChampionAlias, rollout.Version, null, cancellationToken).ConfigureAwait(false);
        }

        if (input.Traffic is { } policy)
        {
            await traffic.PutAsync(
                rollout.Model,
                policy,
                ifMatch: null,
                changedBy: "rollout:" + rollout.Id,
                reason: rollout.Reason ?? rollout.Status.ToString(),
                rollout: rollout.Id,
                changeId: input.ChangeId,
                at: rollout.UpdatedAt,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await rollouts.SaveAsync(rollout, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
