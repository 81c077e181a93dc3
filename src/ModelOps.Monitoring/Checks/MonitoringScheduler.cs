using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// The local host's monitoring timer: every <see cref="MonitoringOptions.TickInterval"/> it runs the due checks
/// (<see cref="MonitoringService.RunDueChecksAsync"/>). On Azure a timer function makes the same call instead.
/// </summary>
public sealed class MonitoringScheduler : BackgroundService
{
    private readonly MonitoringService _service;
    private readonly MonitoringOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MonitoringScheduler> _logger;

    public MonitoringScheduler(MonitoringService service, IOptions<MonitoringOptions> options, TimeProvider time, ILogger<MonitoringScheduler> logger)
    {
        _service = service;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnableSchedules)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.TickInterval, _time);
        do
        {
            try
            {
                await _service.RunDueChecksAsync(_time.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                Log.TickFailed(_logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
