using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Registry;
using ModelOps.Workflows;

namespace ModelOps.Retraining;

/// <summary>
/// Starts retraining runs for every trigger, with the model's configuration as it is now. Run ids are derived from what
/// triggered them where that can repeat (a training-data file's version, a schedule's fire time), so a trigger that is
/// seen twice, by two hosts or after a restart, finds its run already there instead of starting a second one.
/// </summary>
public sealed class RetrainingService
{
    private readonly WorkflowRuns _runs;
    private readonly ITrainingDataStore _data;
    private readonly TrainingConfigurations _configurations;
    private readonly TimeProvider _time;
    private readonly ILogger<RetrainingService> _logger;

    public RetrainingService(
        WorkflowRuns runs,
        ITrainingDataStore data,
        TrainingConfigurations configurations,
        TimeProvider time,
        ILogger<RetrainingService> logger)
    {
        _runs = runs;
        _data = data;
        _configurations = configurations;
        _time = time;
        _logger = logger;
    }

    /// <summary>The run id of the run started by one version of a training-data file.</summary>
    public static string FileRunId(string model, string file, string etag) => $"{model}-blob-{FileVersionKey(model, file, etag)[..20]}";

    /// <summary>A key of one version of a training-data file: the same for every host that sees it.</summary>
    public static string FileVersionKey(string model, string file, string etag) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{model}/{file}\n{etag}")));

    /// <summary>
    /// Starts a manual run on <paramref name="dataFile"/> (a file of the model's training data), or on the model's
    /// newest file when null. 404 without a configuration or data.
    /// </summary>
    public async Task<string> StartManualAsync(string model, string? dataFile, CancellationToken cancellationToken = default)
    {
        var configuration = await RequireConfigurationAsync(model, cancellationToken).ConfigureAwait(false);
        var file = await ResolveDataAsync(model, dataFile, cancellationToken).ConfigureAwait(false);
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var now = _time.GetUtcNow();
        var runId = string.Create(CultureInfo.InvariantCulture, $"{model}-manual-{now:yyyyMMddTHHmmss}-{suffix}");
        await StartAsync(runId, RetrainingTriggers.Manual, now, file, configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>
    /// Starts the run of one version of a training-data file unless it exists already; returns its id, or null while the
    /// model has no training configuration (the file waits for one).
    /// </summary>
    public async Task<string?> StartForFileAsync(TrainingDataFile file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stored = await _configurations.GetAsync(file.Model, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            Log.DataWaitsForConfiguration(_logger, file.Model, file.Name);
            return null;
        }

        var runId = FileRunId(file.Model, file.Name, file.ETag);
        await StartAsync(runId, RetrainingTriggers.Blob, file.LastModified, file, stored.Configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>
    /// Starts the run of the file a storage event names (the Functions blob trigger), at its current version; null when
    /// the file is gone or the model has no configuration yet.
    /// </summary>
    public async Task<string?> StartForFileAsync(string model, string name, CancellationToken cancellationToken = default)
    {
        if (!IsModelName(model) || await _data.GetAsync(model, name, cancellationToken).ConfigureAwait(false) is not { } file)
        {
            return null;
        }

        return await StartForFileAsync(file, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts the run of one schedule fire time unless it exists already (null when the model has no data yet).</summary>
    public async Task<string?> StartScheduledAsync(string model, TrainingConfiguration configuration, DateTimeOffset fireTime, CancellationToken cancellationToken = default)
    {
        TrainingDataFile file;
        try
        {
            file = await ResolveDataAsync(model, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelOpsException exception) when (exception.Kind == ErrorKind.NotFound)
        {
            return null;
        }

        var runId = string.Create(CultureInfo.InvariantCulture, $"{model}-schedule-{fireTime.UtcDateTime:yyyyMMddTHHmmss}");
        await StartAsync(runId, RetrainingTriggers.Schedule, fireTime, file, configuration, cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>Model names that are valid; files under other folders are ignored.</summary>
    internal static bool IsModelName(string name) => ModelNames.Validate(name) is null;

    /// <summary>
    /// Starts the run unless it exists. <paramref name="startedAt"/> comes from the trigger where the id does (the file's
    /// time, the fire time), so a trigger seen twice writes the same run-index entry.
    /// </summary>
    private async Task StartAsync(
        string runId,
        string trigger,
        DateTimeOffset startedAt,
        TrainingDataFile file,
        TrainingConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var input = new RetrainingInput
        {
            Model = file.Model,
            Trigger = trigger,
            DataFile = file.Name,
            DataUri = file.Location,
            DataETag = file.ETag,
            Configuration = configuration,
        };
        if (await _runs.StartAsync(RetrainingOrchestrator.Name, runId, input, file.Model, trigger, startedAt, cancellationToken).ConfigureAwait(false))
        {
            Log.RunStarted(_logger, file.Model, runId, trigger, file.Location);
            AuditScope.Note(new AuditChange("run.started", file.Model, $"runs/{runId}", [
                .. AuditFields.Of("run", null, runId), .. AuditFields.Of("trigger", null, trigger), .. AuditFields.Of("data", null, file.Location)]));
        }
    }

    private async Task<TrainingConfiguration> RequireConfigurationAsync(string model, CancellationToken cancellationToken)
    {
        var stored = await _configurations.GetAsync(model, cancellationToken).ConfigureAwait(false);
        return stored?.Configuration ?? throw ModelOpsException.NotFound(
            $"Model '{model}' has no training configuration; PUT /api/models/{model}/training first.");
    }

    private async Task<TrainingDataFile> ResolveDataAsync(string model, string? dataFile, CancellationToken cancellationToken)
    {
        if (dataFile is not null)
        {
            // Accept the name as listed under the model, or with the model's folder in front.
            var name = dataFile.StartsWith($"{model}/", StringComparison.Ordinal) ? dataFile[(model.Length + 1)..] : dataFile;
            if (TrainingDataNames.Validate(name) is { } problem)
            {
                throw ModelOpsException.Invalid(problem);
            }

            return await _data.GetAsync(model, name, cancellationToken).ConfigureAwait(false)
                ?? throw ModelOpsException.NotFound($"Model '{model}' has no training-data file '{name}'.");
        }

        TrainingDataFile? newest = null;
        await foreach (var file in _data.ListAsync(model, cancellationToken).ConfigureAwait(false))
        {
            if (newest is null || file.LastModified > newest.LastModified)
            {
                newest = file;
            }
        }

        return newest ?? throw ModelOpsException.NotFound(
            $"Model '{model}' has no training data: upload a CSV (PUT /api/models/{model}/training-data/{{name}}).");
    }
}
