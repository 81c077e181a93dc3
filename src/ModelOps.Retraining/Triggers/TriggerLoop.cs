using Microsoft.Extensions.Logging;

namespace ModelOps.Retraining;

/// <summary>The polling loop both triggers run: tick, log a failed tick and go on, wait the interval, stop on shutdown.</summary>
internal static class TriggerLoop
{
    public static async Task RunAsync(
        Func<CancellationToken, Task> tick,
        TimeSpan interval,
        TimeProvider time,
        ILogger logger,
        string trigger,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await tick(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TriggerFailed(logger, trigger, exception);
            }

            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
