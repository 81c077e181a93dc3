using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage;

namespace ModelOps.Retraining;

/// <summary>
/// The schedule trigger: per model with a <c>schedule</c>, a next-fire row (<c>RK = "schedule"</c>) in the retraining
/// table. When the time is due the run of that fire time starts (its id derives from the fire time, so several hosts
/// start one run) and the next fire time is computed from now: a schedule missed while the host was down fires once on
/// start, not once per missed occurrence.
/// </summary>
public sealed class ScheduleTrigger : BackgroundService
{
    private const string ScheduleRow = "schedule";
    private readonly IMetadataStore _tables;
    private readonly RetrainingService _service;
    private readonly TrainingConfigurationStore _configurations;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly ILogger<ScheduleTrigger> _logger;

    public ScheduleTrigger(
        IMetadataStore tables,
        RetrainingService service,
        TrainingConfigurationStore configurations,
        TimeProvider time,
        IOptions<RetrainingOptions> options,
        ILogger<ScheduleTrigger> logger)
    {
        _tables = tables;
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
            if (stored.Configuration.Schedule is not { Length: > 0 } expression)
            {
                continue;
            }

            var schedule = CronSchedule.Parse(expression);
            var row = await _tables.GetAsync(_options.TableName, stored.Model, ScheduleRow, cancellationToken).ConfigureAwait(false);
            var next = row?.GetDateTimeOffset("NextFire");
            if (row is null || next is null || row.GetString("Expression") != expression)
            {
                await WriteNextAsync(stored.Model, expression, schedule.GetNextOccurrence(now), row?.ETag, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (now < next.Value)
            {
                continue;
            }

            if (!await WriteNextAsync(stored.Model, expression, schedule.GetNextOccurrence(now), row.ETag, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            if (await _service.StartScheduledAsync(stored.Model, stored.Configuration, next.Value, cancellationToken).ConfigureAwait(false) is { } runId)
            {
                started.Add(runId);
            }
        }

        return started;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.EnableTriggers
        ? TriggerLoop.RunAsync(t => TickAsync(t), _options.ScheduleInterval, _time, _logger, RetrainingTriggers.Schedule, stoppingToken)
        : Task.CompletedTask;

    /// <summary>Moves the next fire time; false when another host moved it first.</summary>
    private async Task<bool> WriteNextAsync(string model, string expression, DateTimeOffset? next, string? etag, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(model, ScheduleRow) { ["Expression"] = expression, ["NextFire"] = next ?? DateTimeOffset.MaxValue };
        try
        {
            if (etag is null)
            {
                await _tables.InsertAsync(_options.TableName, entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _tables.ReplaceAsync(_options.TableName, entity, etag, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (StorageConflictException)
        {
            return false;
        }
    }
}
