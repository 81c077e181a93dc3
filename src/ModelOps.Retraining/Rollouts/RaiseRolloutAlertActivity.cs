using Microsoft.DurableTask;
using Microsoft.Extensions.Hosting;

namespace ModelOps.Rollouts;

/// <summary>Raises the alert of a breach that rolled a candidate back (<see cref="IRolloutAlerts"/>); idempotent by the rollout's id.</summary>
public sealed class RaiseRolloutAlertActivity(IRolloutAlerts alerts, IHostApplicationLifetime lifetime)
    : Workflows.CancellableActivity<RolloutAlert, string>(lifetime)
{
    public const string Name = "RaiseRolloutAlert";

    public override Task<string> RunAsync(TaskActivityContext context, RolloutAlert input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return alerts.RaiseAsync(input.Rollout, input.Breach, cancellationToken);
    }
}
