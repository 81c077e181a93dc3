using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using ModelOps.Registry;

namespace ModelOps.Functions.Registry;

/// <summary>
/// Every ten minutes, repairs what crashed registrations left (the local host's <c>RegistryRecoveryService</c>, as a
/// timer function; the Functions timer also fires once when the app starts if a run was missed).
/// </summary>
public sealed class RegistryRecoveryTimer(ModelRegistry registry, ILogger<RegistryRecoveryTimer> logger)
{
    public const string Name = "registry-recovery";

    /// <summary>NCRONTAB with seconds: every ten minutes.</summary>
    public const string Schedule = "0 */10 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule, RunOnStartup = true)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var recovery = await registry.RecoverAsync(cancellationToken).ConfigureAwait(false);
        if (recovery != new RegistryRecovery())
        {
            Log.RegistryRecovered(logger, recovery.Finished, recovery.Released, recovery.OrphansDeleted);
        }
    }
}
