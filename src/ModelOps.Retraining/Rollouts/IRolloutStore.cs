namespace ModelOps.Rollouts;

/// <summary>Where rollouts are kept, one active per model at most.</summary>
public interface IRolloutStore
{
    /// <summary>
    /// Records a new rollout as the model's active one. Throws <see cref="Errors.StoreConflictException"/>
    /// (AlreadyExists) when another is active.
    /// </summary>
    Task CreateAsync(Rollout rollout, CancellationToken cancellationToken = default);

    /// <summary>Replaces the rollout's record; a finished rollout stops being the active one.</summary>
    Task SaveAsync(Rollout rollout, CancellationToken cancellationToken = default);

    Task<Rollout?> GetAsync(string model, string id, CancellationToken cancellationToken = default);

    /// <summary>The id of the model's active rollout, if any.</summary>
    Task<string?> GetActiveAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Frees the active slot if <paramref name="id"/> holds it (a rollout that never started).</summary>
    Task ReleaseAsync(string model, string id, CancellationToken cancellationToken = default);

    /// <summary>The model's rollouts, newest first.</summary>
    Task<IReadOnlyList<Rollout>> ListAsync(string model, CancellationToken cancellationToken = default);
}
