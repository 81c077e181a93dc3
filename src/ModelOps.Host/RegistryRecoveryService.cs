using Microsoft.Extensions.Options;
using ModelOps.Registry;

namespace ModelOps.Host;

/// <summary>
/// Runs the registry's recovery (dead registrations finished or their numbers given back, orphan files deleted) when
/// the host starts and then every <see cref="RegistryOptions.RecoveryInterval"/>. The Functions app runs it from a timer.
/// </summary>
internal sealed class RegistryRecoveryService(
    ModelRegistry registry,
    TimeProvider time,
    IOptions<RegistryOptions> options,
    ILogger<RegistryRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecoveryInterval, time);
        do
        {
            try
            {
                var recovery = await registry.RecoverAsync(stoppingToken).ConfigureAwait(false);
                if (recovery != new RegistryRecovery())
                {
                    Log.RegistryRecovered(logger, recovery.Finished, recovery.Released, recovery.OrphansDeleted);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.RegistryRecoveryFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
