using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ModelOps.Functions.Workflows;
using ModelOps.Retraining;

namespace ModelOps.Functions.Retraining;

/// <summary>
/// Every minute, starts the retraining runs whose per-model schedule came due (<see cref="ScheduleTrigger.TickAsync"/>:
/// run ids derive from the fire time, so an overlapping or repeated tick starts nothing twice).
/// </summary>
public sealed class ScheduleTimer(ScheduleTrigger schedules, DurableClientAccessor durable, ILogger<ScheduleTimer> logger)
{
    public const string Name = "retraining-schedules";

    /// <summary>NCRONTAB with seconds: at second 0 of every minute.</summary>
    public const string Schedule = "0 * * * * *";

    [Function(Name)]
    public async Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        durable.Client = client;
        var started = await schedules.TickAsync(cancellationToken).ConfigureAwait(false);
        if (started.Count > 0)
        {
            Log.SchedulesFired(logger, started.Count, string.Join(", ", started));
        }
    }
}
