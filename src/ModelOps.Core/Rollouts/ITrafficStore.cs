namespace ModelOps.Rollouts;

/// <summary>Where traffic policies and the serving history live (one partition per model, so both change together).</summary>
public interface ITrafficStore
{
    /// <summary>The model's policy; null when it has none (the champion answers).</summary>
    Task<StoredTrafficPolicy?> GetAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the policy and appends <paramref name="change"/> to the history in one atomic write: both or neither.
    /// With <paramref name="ifMatch"/>, only if the stored policy still has that ETag (else
    /// <see cref="Errors.StoreConflictException"/>). Writing a change with an id already recorded rewrites that entry.
    /// </summary>
    Task<StoredTrafficPolicy> PutAsync(string model, ServingChange change, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>The history, newest first.</summary>
    Task<ServingHistoryPage> ListHistoryAsync(string model, int pageSize, string? continuationToken, CancellationToken cancellationToken = default);

    /// <summary>The change in effect at <paramref name="at"/> (the newest at or before it); null when there was none yet.</summary>
    Task<ServingChange?> GetHistoryAtAsync(string model, DateTimeOffset at, CancellationToken cancellationToken = default);
}
