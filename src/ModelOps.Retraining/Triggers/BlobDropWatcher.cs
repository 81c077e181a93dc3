using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Storage;

namespace ModelOps.Retraining;

/// <summary>
/// The blob-drop trigger: lists <c>training-data/{model}/</c> and starts one run per new blob version (name + ETag).
/// A receipt row per version (insert-if-absent, like the Functions blob trigger's receipts) remembers what was handled;
/// the run id is derived from the version, so two watchers, or a watcher that died between starting the run and writing
/// the receipt, still start exactly one run.
/// </summary>
public sealed class BlobDropWatcher : BackgroundService
{
    private readonly IArtifactStore _blobs;
    private readonly IMetadataStore _tables;
    private readonly RetrainingService _service;
    private readonly RetrainingArtifacts _artifacts;
    private readonly TrainingConfigurationStore _configurations;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly ILogger<BlobDropWatcher> _logger;
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);

    public BlobDropWatcher(
        IArtifactStore blobs,
        IMetadataStore tables,
        RetrainingService service,
        RetrainingArtifacts artifacts,
        TrainingConfigurationStore configurations,
        TimeProvider time,
        IOptions<RetrainingOptions> options,
        ILogger<BlobDropWatcher> logger)
    {
        _blobs = blobs;
        _tables = tables;
        _service = service;
        _artifacts = artifacts;
        _configurations = configurations;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The receipt row key of one blob version.</summary>
    public static string ReceiptRow(string blobName, string etag) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{blobName}\n{etag}")));

    /// <summary>One pass over the container; returns the ids of the runs it started or found. Public for tests and hosts.</summary>
    public async Task<IReadOnlyList<string>> SweepAsync(CancellationToken cancellationToken = default)
    {
        await _artifacts.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        await _configurations.EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var started = new List<string>();
        await foreach (var blob in _blobs.ListAsync(_options.DataContainer, null, cancellationToken).ConfigureAwait(false))
        {
            var slash = blob.Name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !blob.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var model = blob.Name[..slash];
            var key = ReceiptRow(blob.Name, blob.ETag);
            if (!RetrainingService.IsModelName(model) || _handled.Contains(key))
            {
                continue;
            }

            if (await _tables.GetAsync(_options.ReceiptTableName, model, key, cancellationToken).ConfigureAwait(false) is not null)
            {
                _handled.Add(key);
                continue;
            }

            var runId = await _service.StartForBlobAsync(model, blob, cancellationToken).ConfigureAwait(false);
            if (runId is null)
            {
                continue;
            }

            var receipt = new TableEntity(model, key)
            {
                ["BlobName"] = blob.Name,
                ["ETag"] = blob.ETag,
                ["RunId"] = runId,
                ["ReceivedAt"] = _time.GetUtcNow(),
            };
            try
            {
                await _tables.InsertAsync(_options.ReceiptTableName, receipt, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException exception) when (exception.Conflict == StorageConflict.AlreadyExists)
            {
                // Another watcher wrote it first; the run is the same one.
            }

            _handled.Add(key);
            started.Add(runId);
        }

        return started;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _options.EnableTriggers
        ? TriggerLoop.RunAsync(t => SweepAsync(t), _options.WatchInterval, _time, _logger, RetrainingTriggers.Blob, stoppingToken)
        : Task.CompletedTask;
}
