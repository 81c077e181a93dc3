using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Inference.Batching;

/// <summary>
/// Each model's serving settings: read and written with optimistic concurrency for the serving route, and resolved to
/// the batching a model gets for the inference path, cached per model (stale-while-revalidate, like champions) so a
/// request never waits on storage once the model has been served.
/// </summary>
public sealed class ServingSettingsService
{
    private readonly IServingSettingsStore _store;
    private readonly TimeProvider _time;
    private readonly BatchingOptions _defaults;
    private readonly AliasCache<ServingSettings> _cache;

    public ServingSettingsService(IServingSettingsStore store, IOptions<InferenceOptions> options, TimeProvider time, ILogger<ServingSettingsService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _time = time;
        _defaults = options.Value.Batching;
        _cache = new AliasCache<ServingSettings>(time, options.Value.AliasCacheDuration, logger, Log.ServingSettingsRefreshFailed);
    }

    /// <summary>The host's batching defaults.</summary>
    public BatchingOptions Defaults => _defaults;

    /// <summary>The model's stored settings (null when it has none) and the batching it gets.</summary>
    public async Task<(StoredServingSettings? Stored, EffectiveBatching Batching)> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        var stored = await _store.GetAsync(model, cancellationToken).ConfigureAwait(false);
        return (stored, EffectiveBatching.From(_defaults, stored?.Settings.Batching));
    }

    /// <summary>
    /// Validates and stores the model's settings; with <paramref name="ifMatch"/> only over that state (412 otherwise,
    /// 404 when <c>*</c> finds none), noting the batching fields it changed for the audit trail. This process uses them
    /// at once, others within the alias cache duration.
    /// </summary>
    public async Task<StoredServingSettings> PutAsync(string model, ServingSettings settings, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(model);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Batching?.Validate() is { } problem)
        {
            throw ModelOpsException.Invalid(problem);
        }

        var before = await _store.GetAsync(model, cancellationToken).ConfigureAwait(false);
        try
        {
            var stored = await _store.PutAsync(model, settings, _time.GetUtcNow(), ifMatch, cancellationToken).ConfigureAwait(false);
            _cache.Invalidate(model);
            AuditScope.Note(new AuditChange(
                "serving.settings",
                model,
                $"models/{model}/serving",
                AuditFields.Diff(before?.Settings.Batching ?? new BatchingSettings(), stored.Settings.Batching ?? new BatchingSettings())));
            return stored;
        }
        catch (StoreConflictException exception)
        {
            throw new ModelOpsException(
                exception.Conflict == StoreConflict.NotFound ? ErrorKind.NotFound : ErrorKind.PreconditionFailed,
                exception.Conflict == StoreConflict.NotFound
                    ? $"Model '{model}' has no serving settings to replace."
                    : $"The serving settings of model '{model}' have changed since ETag {ifMatch}; read them again.",
                exception);
        }
    }

    /// <summary>The batching <paramref name="model"/> gets now; completes synchronously once the model's settings are cached.</summary>
    public ValueTask<EffectiveBatching> GetBatchingAsync(string model, CancellationToken cancellationToken = default)
    {
        var settings = _cache.GetAsync(model, LoadAsync, cancellationToken);
        return settings.IsCompletedSuccessfully
            ? ValueTask.FromResult(EffectiveBatching.From(_defaults, settings.Result.Batching))
            : AwaitAsync(settings);
    }

    private async ValueTask<EffectiveBatching> AwaitAsync(ValueTask<ServingSettings> settings) =>
        EffectiveBatching.From(_defaults, (await settings.ConfigureAwait(false)).Batching);

    private async Task<ServingSettings> LoadAsync(string model, CancellationToken cancellationToken) =>
        (await _store.GetAsync(model, cancellationToken).ConfigureAwait(false))?.Settings ?? ServingSettings.Default;
}
