namespace ModelOps.Retraining;

/// <summary>
/// The port to what retraining remembers between triggers and attempts, so that repeats are no-ops: the training-data
/// versions that started runs, the version each run registered, and each model's next schedule fire time.
/// </summary>
public interface IRetrainingLedger
{
    /// <summary>Whether a run was started for this version of a training-data file.</summary>
    Task<bool> HasReceiptAsync(string model, string file, string etag, CancellationToken cancellationToken = default);

    /// <summary>Records that a run was started for this version of a file; false when it was recorded already.</summary>
    Task<bool> TryAddReceiptAsync(string model, string file, string etag, string runId, DateTimeOffset receivedAt, CancellationToken cancellationToken = default);

    /// <summary>The version a run registered; null when it registered none (yet).</summary>
    Task<RunRegistration?> GetRegistrationAsync(string model, string runId, CancellationToken cancellationToken = default);

    /// <summary>Records the version a run registered (idempotent).</summary>
    Task SetRegistrationAsync(string model, string runId, RunRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>A model's schedule state; null before its first tick.</summary>
    Task<ScheduleState?> GetScheduleAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a model's next fire time: creates the state when <paramref name="ifMatch"/> is null, else replaces it only
    /// if unchanged. False when another host moved it first.
    /// </summary>
    Task<bool> TrySetScheduleAsync(string model, string expression, DateTimeOffset nextFire, string? ifMatch, CancellationToken cancellationToken = default);
}
