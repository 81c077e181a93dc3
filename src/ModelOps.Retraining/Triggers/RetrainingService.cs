using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Storage;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// Starts retraining runs for every trigger, with the model's configuration as it is now. Run ids are derived from what
/// triggered them where that can repeat (a blob version, a schedule's fire time), so a trigger that is seen twice, by
/// two hosts or after a restart, finds its run already there instead of starting a second one.
/// </summary>
public sealed class RetrainingService
{
    private readonly WorkflowRuns _runs;
    private readonly IArtifactStore _blobs;
    private readonly TrainingConfigurationStore _configurations;
    private readonly RetrainingArtifacts _artifacts;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;
    private readonly ILogger<RetrainingService> _logger;

    public RetrainingService(
        WorkflowRuns runs,
        IArtifactStore blobs,
        TrainingConfigurationStore configurations,
        RetrainingArtifacts artifacts,
        TimeProvider time,
        IOptions<RetrainingOptions> options,
        ILogger<RetrainingService> logger)
    {
        _runs = runs;
        _blobs = blobs;
        _configurations = configurations;
        _artifacts = artifacts;
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The run id of the blob-triggered run for one blob version.</summary>
    public static string BlobRunId(string model, string blobName, string etag) =>
        $"{model}-blob-{BlobDropWatcher.ReceiptRow(blobName, etag)[..20]}";

    /// <summary>
    /// Starts a manual run on <paramref name="dataBlob"/> (a name under <c>training-data/{model}/</c>, or the full blob
    /// name), or on the newest blob of the model when null. 404 without a configuration or data.
    /// </summary>
    public async Task<string> StartManualAsync(string model, string? dataBlob, CancellationToken cancellationToken = default)
    {
        var configuration = await RequireConfigurationAsync(model, cancellationToken).ConfigureAwait(false);
        var blob = await ResolveDataAsync(model, dataBlob, cancellationToken).ConfigureAwait(false);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var now = _time.GetUtcNow();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{model}-manual-{now:yyyyMMddTHHmmss}-{suffix}");
        await StartAsync(runId, model, RetrainingTriggers.Manual, now, blob, configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>Starts the run of a blob version unless it exists already; returns its id.</summary>
    public async Task<string?> StartForBlobAsync(string model, ArtifactInfo blob, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var stored = await _configurations.GetAsync(model, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            Log.BlobWaitsForConfiguration(_logger, model, blob.Name);
            return null;
        }

        var runId = BlobRunId(model, blob.Name, blob.ETag);
        await StartAsync(runId, model, RetrainingTriggers.Blob, blob.LastModified, blob, stored.Configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>Starts the run of one schedule fire time unless it exists already (null when the model has no data yet).</summary>
    public async Task<string?> StartScheduledAsync(string model, TrainingConfiguration configuration, DateTimeOffset fireTime, CancellationToken cancellationToken = default)
    {
        ArtifactInfo blob;
        try
        {
            blob = await ResolveDataAsync(model, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null;
        }

        var runId = string.Create(CultureInfo.InvariantCulture, $"{model}-schedule-{fireTime.UtcDateTime:yyyyMMddTHHmmss}");
        await StartAsync(runId, model, RetrainingTriggers.Schedule, fireTime, blob, configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>
    /// Starts the run unless it exists. <paramref name="startedAt"/> comes from the trigger where the id does (the blob's
    /// time, the fire time), so a trigger seen twice writes the same run-index entry.
    /// </summary>
    private async Task StartAsync(
        string runId,
        string model,
        string trigger,
        DateTimeOffset startedAt,
        ArtifactInfo blob,
        TrainingConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var input = new RetrainingInput
        {
            Model = model,
            Trigger = trigger,
            DataBlob = blob.Name,
            DataETag = blob.ETag,
            Configuration = configuration,
        };
        if (await _runs.StartAsync(RetrainingOrchestrator.Name, runId, input, model, trigger, startedAt, cancellationToken).ConfigureAwait(false))
        {
            Log.RunStarted(_logger, model, runId, trigger, blob.Name);
        }
    }

    private async Task<TrainingConfiguration> RequireConfigurationAsync(string model, CancellationToken cancellationToken)
    {
        var stored = await _configurations.GetAsync(model, cancellationToken).ConfigureAwait(false);
        return stored?.Configuration ?? throw ModelOpsException.NotFound(
            $"Model '{model}' has no training configuration; PUT /api/models/{model}/training first.");
    }

    private async Task<ArtifactInfo> ResolveDataAsync(string model, string? dataBlob, CancellationToken cancellationToken)
    {
        await _artifacts.EnsureContainersAsync(cancellationToken).ConfigureAwait(false);
        if (dataBlob is not null)
        {
            var name = dataBlob.StartsWith(RetrainingBlobs.DataPrefix(model), StringComparison.Ordinal) ? dataBlob : RetrainingBlobs.DataPrefix(model) + dataBlob;
            if (name.Contains("..", StringComparison.Ordinal))
            {
                throw ModelOpsException.Invalid($"'dataBlob' '{dataBlob}' is not a blob name under '{_options.DataContainer}/{model}/'.");
            }

            return await _blobs.GetInfoAsync(_options.DataContainer, name, cancellationToken).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"There is no blob '{_options.DataContainer}/{name}'.");
        }

        ArtifactInfo? newest = null;
        await foreach (var blob in _blobs.ListAsync(_options.DataContainer, RetrainingBlobs.DataPrefix(model), cancellationToken).ConfigureAwait(false))
        {
            if (newest is null || blob.LastModified > newest.LastModified)
            {
                newest = blob;
            }
        }

        return newest ?? throw ModelOpsException.NotFound(
            $"Model '{model}' has no training data: upload a CSV to '{_options.DataContainer}/{model}/' (PUT /api/models/{model}/training-data/{{name}}).");
    }

    /// <summary>Model names that are valid; blobs under other prefixes are ignored.</summary>
    internal static bool IsModelName(string name) => ModelNames.Validate(name) is null;
}
