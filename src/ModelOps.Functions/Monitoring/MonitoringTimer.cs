using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ModelOps.Functions.Workflows;
using ModelOps.Monitoring.Checks;

namespace ModelOps.Functions.Monitoring;

/// <summary>
/// Every minute, runs the monitoring checks whose per-model schedule came due (<see cref="MonitoringService.RunDueChecksAsync"/>:
/// each fire time is claimed in the ledger first, so an overlapping or repeated tick checks nothing twice). The Durable
/// client is there for the retraining runs a drifted check may start.
/// </summary>
public sealed class MonitoringTimer(MonitoringService monitoring, DurableClientAccessor durable, TimeProvider time)
{
    public const string Name = "monitoring-checks";

    /// <summary>NCRONTAB with seconds: at second 0 of every minute; each model's own schedule decides when it is checked.</summary>
    public const string Schedule = "0 * * * * *";

    [Function(Name)]
    public async Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        durable.Client = client;
        await monitoring.RunDueChecksAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
