using Microsoft.Azure.Functions.Worker;
using ModelOps.Retraining;

namespace ModelOps.Functions.Triggers;

/// <summary>Once a minute, start the runs whose per-model NCRONTAB schedule came due (missed ones fire once).</summary>
public sealed class ScheduleTimer(ScheduleTrigger schedules)
{
    [Function("retraining-schedules")]
    public Task RunAsync([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        schedules.TickAsync(cancellationToken);
}
