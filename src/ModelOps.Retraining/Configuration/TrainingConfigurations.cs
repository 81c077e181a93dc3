using Microsoft.Extensions.Options;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Retraining;

/// <summary>
/// Training configurations per model: validated against the columns of the latest dataset seen for the model before
/// they are stored, with optimistic concurrency (ETag, <c>If-Match</c>).
/// </summary>
public sealed class TrainingConfigurations
{
    private readonly ITrainingConfigurationStore _store;
    private readonly TimeProvider _time;
    private readonly RetrainingOptions _options;

    public TrainingConfigurations(ITrainingConfigurationStore store, TimeProvider time, IOptions<RetrainingOptions> options)
    {
        _store = store;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The model's configuration; null when it has none.</summary>
    public Task<StoredTrainingConfiguration?> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        return _store.GetAsync(model, cancellationToken);
    }

    /// <summary>
    /// Validates and stores a configuration. With <paramref name="ifMatch"/> only over that version (412 otherwise);
    /// <c>*</c> requires one to exist. Unknown columns are a 400 once a dataset of the model has been seen.
    /// </summary>
    public async Task<StoredTrainingConfiguration> PutAsync(
        string model,
        TrainingConfiguration configuration,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        var columns = await _store.GetKnownColumnsAsync(model, cancellationToken).ConfigureAwait(false);
        TrainingConfigurationValidator.Validate(configuration, columns, _options.ExternalTrainers);
        var before = await _store.GetAsync(model, cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await _store.PutAsync(model, configuration, _time.GetUtcNow(), ifMatch, cancellationToken).ConfigureAwait(false);
            AuditScope.Note(new AuditChange("training.configured", model, $"models/{model}/training", AuditFields.Diff(before?.Configuration, configuration)));
            return stored;
        }
        catch (StoreConflictException exception)
        {
            throw new ModelOpsException(
                exception.Conflict == StoreConflict.NotFound ? ErrorKind.NotFound : ErrorKind.PreconditionFailed,
                exception.Conflict == StoreConflict.NotFound
                    ? $"Model '{model}' has no training configuration to replace."
                    : $"The training configuration of model '{model}' has changed since ETag {ifMatch}; read it again.",
                exception);
        }
    }

    /// <summary>The models that have a configuration (for the scheduler).</summary>
    public async Task<IReadOnlyList<StoredTrainingConfiguration>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<StoredTrainingConfiguration>();
        await foreach (var stored in _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add(stored);
        }

        return result;
    }

    /// <summary>Records the columns of a dataset that was read for <paramref name="model"/>.</summary>
    public Task SetKnownColumnsAsync(string model, IReadOnlyList<string> columns, CancellationToken cancellationToken = default) =>
        _store.SetKnownColumnsAsync(model, columns, cancellationToken);
}
