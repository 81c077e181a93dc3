using System.Collections.Concurrent;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Monitoring.Settings;

/// <summary>
/// Reads and writes monitoring settings, validating them first, and keeps each model's capture share at hand for the
/// request path (which may never wait on storage): a share is refreshed in the background once it is older than
/// <see cref="MonitoringOptions.SettingsRefresh"/>.
/// </summary>
public sealed class MonitoringSettingsService
{
    private static readonly MonitoringSettingsValidator Validator = new();
    private readonly IMonitoringSettingsStore _store;
    private readonly TimeProvider _time;
    private readonly MonitoringOptions _options;
    private readonly ConcurrentDictionary<string, CachedShare> _shares = new(StringComparer.Ordinal);

    public MonitoringSettingsService(IMonitoringSettingsStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<MonitoringOptions> options)
    {
        _store = store;
        _time = time;
        _options = options.Value;
    }

    /// <summary>The model's settings, or the defaults with a null ETag when it has none.</summary>
    public async Task<(MonitoringSettings Settings, string? ETag)> GetAsync(string model, CancellationToken cancellationToken = default)
    {
        var stored = await _store.GetAsync(model, cancellationToken).ConfigureAwait(false);
        Remember(model, stored?.Settings);
        return stored is null ? (new MonitoringSettings(), null) : (stored.Settings, stored.ETag);
    }

    /// <summary>Validates and writes; a settings document that does not validate is a 400 naming the field.</summary>
    public async Task<StoredMonitoringSettings> PutAsync(string model, MonitoringSettings settings, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ModelNames.EnsureValid(model);
        var result = Validator.Validate(null, settings);
        if (result.Failed)
        {
            throw ModelOpsException.Invalid($"Invalid monitoring settings: {result.FailureMessage}");
        }

        StoredMonitoringSettings stored;
        try
        {
            stored = await _store.PutAsync(model, settings, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw new ModelOpsException(ErrorKind.PreconditionFailed, exception.Message, exception);
        }

        Remember(model, stored.Settings);
        return stored;
    }

    /// <summary>
    /// The share of <paramref name="model"/>'s requests to capture, without waiting: the last one read, or the host's
    /// default until the first read (started here) completes.
    /// </summary>
    public double CaptureShare(string model)
    {
        var now = _time.GetTimestamp();
        if (_shares.TryGetValue(model, out var cached) && _time.GetElapsedTime(cached.ReadAt, now) < _options.SettingsRefresh)
        {
            return cached.Share;
        }

        var share = cached?.Share ?? _options.Capture.DefaultShare;
        if (_shares.TryAdd(model, new CachedShare(share, now)) || (cached is not null && _shares.TryUpdate(model, new CachedShare(share, now), cached)))
        {
            _ = RefreshAsync(model);
        }

        return share;
    }

    private async Task RefreshAsync(string model)
    {
        try
        {
            var stored = await _store.GetAsync(model).ConfigureAwait(false);
            Remember(model, stored?.Settings);
        }
        catch (Exception)
        {
            // Storage unreachable: keep the share known so far; the next refresh tries again.
        }
    }

    private void Remember(string model, MonitoringSettings? settings) =>
        _shares[model] = new CachedShare(settings?.CaptureShare ?? _options.Capture.DefaultShare, _time.GetTimestamp());

    private sealed record CachedShare(double Share, long ReadAt);
}
