using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using ModelOps.Workflows;

namespace ModelOps.Functions.Workflows;

/// <summary>Hourly, purges ended runs past the retention (the local host's <c>RunPurgeService</c>, as a timer function).</summary>
public sealed class RunPurgeTimer(WorkflowRuns runs, DurableClientAccessor durable, ILogger<RunPurgeTimer> logger)
{
    public const string Name = "run-history-purge";

    /// <summary>NCRONTAB with seconds: at minute 0 of every hour.</summary>
    public const string Schedule = "0 0 * * * *";

    [Function(Name)]
    public async Task RunAsync(
        [TimerTrigger(Schedule)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        durable.Client = client;
        var purged = await runs.PurgeAsync(cancellationToken).ConfigureAwait(false);
        if (purged > 0)
        {
            Log.Purged(logger, purged);
        }
    }
}
