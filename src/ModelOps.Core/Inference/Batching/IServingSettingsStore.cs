namespace ModelOps.Inference.Batching;

/// <summary>The port to each model's serving settings, one record per model with a concurrency token.</summary>
public interface IServingSettingsStore
{
    /// <summary>The model's settings; null when none were stored.</summary>
    Task<StoredServingSettings?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores settings: unconditionally when <paramref name="ifMatch"/> is null, else only over that state of an existing
    /// record (<see cref="Errors.StoreConflictException"/> otherwise; <c>*</c> matches any existing one).
    /// </summary>
    Task<StoredServingSettings> PutAsync(string model, ServingSettings settings, DateTimeOffset updatedAt, string? ifMatch, CancellationToken cancellationToken = default);
}
