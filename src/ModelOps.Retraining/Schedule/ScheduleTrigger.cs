using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Retraining;

/// <summary>
/// The schedule trigger: per model with a <c>schedule</c>, a next fire time in the <see cref="IRetrainingLedger"/>.
/// When the time is due the run of that fire time starts (its id derives from the fire time, so several hosts start one
/// run) and the next fire time is computed from now: a schedule missed while the host was down fires once on start, not
/// once per missed occurrence.
/// </summary>
public sealed class ScheduleTrigger : BackgroundService
{
    private readonly IRetrainingLedger _ledger;
    private readonly RetrainingService _service;
    private readonly TrainingConfigurations _configurations;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly ILogger<ScheduleTrigger> _logger;

    public ScheduleTrigger(
        IRetrainingLedger ledger,
        RetrainingService service,
        TrainingConfigurations configurations,
        TimeProvider time,
        IOptions<RetrainingOptions> options,
        ILogger<ScheduleTrigger> logger)
    {
        _ledger = ledger;
        _service = service;
        _configurations = configurations;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>One pass: fires every due schedule; returns the ids of the runs started.</summary>
    public async Task<IReadOnlyList<string>> TickAsync(CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        var now = _time.GetUtcNow();
        foreach (var stored in await _configurations.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            var configuration = stored.Configuration;
            if (configuration.Schedule is not { Length: > 0 } expression)
            {
                continue;
            }

            // The state remembers the expression and zone it was computed from: a changed schedule starts afresh.
            var key = configuration.ScheduleTimeZone is { Length: > 0 } zone ? $"{expression} @ {zone}" : expression;
            var schedule = CronSchedule.Parse(expression, configuration.ScheduleTimeZone);
            var state = await _ledger.GetScheduleAsync(stored.Model, cancellationToken).ConfigureAwait(false);
            var next = schedule.GetNextOccurrence(now) ?? DateTimeOffset.MaxValue;
            if (state is null || state.Expression != key)
            {
                await _ledger.TrySetScheduleAsync(stored.Model, key, next, state?.ETag, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (now < state.NextFire || !await _ledger.TrySetScheduleAsync(stored.Model, key, next, state.ETag, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await _service.StartScheduledAsync(stored.Model, configuration, state.NextFire, cancellationToken).ConfigureAwait(false) is { } runId)
            {
                started.Add(runId);
            }
        }

        return started;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.EnableTriggers
        ? TriggerLoop.RunAsync(t => TickAsync(t), _options.ScheduleInterval, _time, _logger, RetrainingTriggers.Schedule, stoppingToken)
        : Task.CompletedTask;
}
