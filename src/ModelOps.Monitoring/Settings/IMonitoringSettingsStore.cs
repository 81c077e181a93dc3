namespace ModelOps.Monitoring.Settings;

/// <summary>Where each model's monitoring settings live.</summary>
public interface IMonitoringSettingsStore
{
    /// <summary>The model's settings; null when it has none (it is monitored with defaults).</summary>
    Task<StoredMonitoringSettings?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the settings: unconditionally when <paramref name="ifMatch"/> is null, else only over that ETag (a lost
    /// condition throws <see cref="Errors.StoreConflictException"/>).
    /// </summary>
    Task<StoredMonitoringSettings> PutAsync(string model, MonitoringSettings settings, string? ifMatch, CancellationToken cancellationToken = default);
}
