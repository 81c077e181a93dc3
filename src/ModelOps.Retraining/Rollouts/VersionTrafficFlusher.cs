using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Rollouts;

/// <summary>
/// Writes this process's live version numbers to storage every <see cref="RolloutOptions.FlushInterval"/>, under an id
/// of this process's own, so a rollout running anywhere reads every host's numbers.
/// </summary>
public sealed class VersionTrafficFlusher(
    VersionTraffic traffic,
    IVersionTrafficStore store,
    IOptions<RolloutOptions> options,
    TimeProvider time,
    ILogger<VersionTrafficFlusher> logger) : BackgroundService
{
    private readonly string _host = Environment.MachineName + "-" + Guid.NewGuid().ToString("N")[..8];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Writes the numbers now (only versions that have any).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var counters = traffic.Snapshot();
        if (counters.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.WriteAsync(_host, counters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await FlushAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Retraining.Log.LiveNumbersFlushFailed(logger, exception);
            }
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }
}
