using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ModelOps.Storage;

/// <summary>
/// Creates the storage layout as the host starts, so the first requests do not wait for it. Storage that cannot be
/// reached is logged, not fatal: the host serves what it can, reports not ready, and the next store call tries again.
/// </summary>
public sealed class StorageInitializer(StorageAccount account, ILogger<StorageInitializer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await account.EnsureCreatedAsync(stoppingToken).ConfigureAwait(false);
            Log.LayoutReady(logger, account.Names.Containers.Count, account.Names.Tables.Count);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.LayoutFailed(logger, account.Connection.Name, exception);
        }
    }
}
