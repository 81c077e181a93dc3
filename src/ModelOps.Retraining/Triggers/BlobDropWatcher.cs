using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Retraining;

/// <summary>
/// The local host's training-data trigger: lists every model's training data and starts one run per new file version
/// (name + ETag). A receipt per version (insert-if-absent, like the Functions blob trigger's receipts) remembers what was
/// handled; the run id is derived from the version, so two watchers, or a watcher that died between starting the run and
/// writing the receipt, still start exactly one run.
/// </summary>
public sealed class BlobDropWatcher : BackgroundService
{
    private readonly ITrainingDataStore _data;
    private readonly IRetrainingLedger _ledger;
    private readonly RetrainingService _service;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly ILogger<BlobDropWatcher> _logger;
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    public BlobDropWatcher(
        ITrainingDataStore data,
        IRetrainingLedger ledger,
        RetrainingService service,
        TimeProvider time,
        IOptions<RetrainingOptions> options,
        ILogger<BlobDropWatcher> logger)
    {
        _data = data;
        _ledger = ledger;
        _service = service;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>One pass over every model's training data; returns the ids of the runs it started or found. Public for tests and hosts.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken = default)
    {
        var started = new List<string>();
        await foreach (var file in _data.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            var key = RetrainingService.FileVersionKey(file.Model, file.Name, file.ETag);
            if (!RetrainingService.IsModelName(file.Model) || TrainingDataNames.Validate(file.Name) is not null || _handled.Contains(key))
            {
                continue;
            }

            if (await _ledger.HasReceiptAsync(file.Model, file.Name, file.ETag, cancellationToken).ConfigureAwait(false))
            {
                _handled.Add(key);
                continue;
            }

            var runId = await _service.StartForFileAsync(file, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                continue;
            }

            // False when another watcher wrote it first: the run is the same one.
            await _ledger.TryAddReceiptAsync(file.Model, file.Name, file.ETag, runId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            _handled.Add(key);
            started.Add(runId);
        }

        return started;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.EnableTriggers
        ? TriggerLoop.RunAsync(t => SweepAsync(t), _options.WatchInterval, _time, _logger, RetrainingTriggers.Blob, stoppingToken)
        : Task.CompletedTask;
}
