namespace ModelOps.Retraining;

/// <summary>
/// The port to training configurations, one per model with a concurrency token, and the columns of the latest dataset
/// seen for a model (so a configuration naming unknown columns can be refused).
/// </summary>
public interface ITrainingConfigurationStore
{
    /// <summary>The model's configuration; null when it has none.</summary>
    Task<StoredTrainingConfiguration?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a configuration: unconditionally when <paramref name="ifMatch"/> is null, else only over that state of an
    /// existing one (<see cref="Errors.StoreConflictException"/> otherwise; <c>*</c> matches any existing one).
    /// </summary>
    Task<StoredTrainingConfiguration> PutAsync(
        string model,
        TrainingConfiguration configuration,
        DateTimeOffset updatedAt,
        string? ifMatch,
        CancellationToken cancellationToken = default);

    /// <summary>Every stored configuration, in model order.</summary>
    IAsyncEnumerable<StoredTrainingConfiguration> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The columns of the latest dataset validated for the model; null when none was seen.</summary>
    Task<IReadOnlyList<string>?> GetKnownColumnsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Records the columns of a dataset that was read for the model.</summary>
    Task SetKnownColumnsAsync(string model, IReadOnlyList<string> columns, CancellationToken cancellationToken = default);
}
