using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Workflows;

namespace ModelOps.DurableTask;

/// <summary>The local host's timer that purges ended runs past the retention (the Functions app has a timer function for it).</summary>
public sealed class RunPurgeService(
    WorkflowRuns runs,
    TimeProvider time,
    IOptions<DurableEngineOptions> options,
    ILogger<RunPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                var purged = await runs.PurgeAsync(stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    Log.Purged(logger, purged);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.PurgeFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
