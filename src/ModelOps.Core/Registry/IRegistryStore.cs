namespace ModelOps.Registry;

/// <summary>
/// The port to the registry's records: models, their versions and aliases, each with a concurrency token (ETag).
/// Writes that take a token succeed only if the record is unchanged, otherwise they throw
/// <see cref="Errors.StoreConflictException"/>. Numbering, states and alias rules are the registry's; the store only
/// keeps records and makes the reservation of a version number atomic.
/// </summary>
public interface IRegistryStore
{
    /// <summary>The model's record (deleted ones too); null when there never was one.</summary>
    Task<ModelRecord?> GetModelAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Every model's record (deleted ones too), in name order.</summary>
    IAsyncEnumerable<ModelRecord> ListModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a model's record if it is unchanged since its token (a record with an empty token is created, only if
    /// there is none); returns the record with its new token.
    /// </summary>
    Task<ModelRecord> ReplaceModelAsync(ModelRecord model, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes number <paramref name="version"/> for <paramref name="model"/> in one atomic write: the model's record
    /// (created when <paramref name="expected"/> is null, else replaced, undeleted, only if still at
    /// <paramref name="expected"/>'s token) now names it as the last number, and a <see cref="VersionState.Pending"/>
    /// record of the version is created. Returns the pending record's token, or null when another registration took the
    /// number first.
    /// </summary>
    Task<string?> TryReserveVersionAsync(
        string model,
        int version,
        ModelRecord? expected,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back a pending number that will not be finished, in one atomic write: its pending record (only at
    /// <paramref name="pendingETag"/>) is deleted and, when it is still the model's last number (the record still at
    /// <paramref name="expected"/>'s token), the counter steps back so the number is given again. False when something
    /// changed meanwhile (nothing is written then).
    /// </summary>
    Task<bool> TryReleaseVersionAsync(
        string model,
        int version,
        string pendingETag,
        ModelRecord expected,
        DateTimeOffset now,
        CancellationToken cancellationToken = default);

    /// <summary>A version's record in any state; null when there is none.</summary>
    Task<StoredVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>Every version record of a model in any state, oldest first.</summary>
    IAsyncEnumerable<StoredVersion> ListVersionsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Replaces a version's record if it is unchanged since <paramref name="etag"/>; returns the new token.</summary>
    Task<string> ReplaceVersionAsync(ModelVersion version, VersionState state, string etag, CancellationToken cancellationToken = default);

    /// <summary>Deletes a version's record (with <paramref name="etag"/>, only that state of it); false when there was none.</summary>
    Task<bool> DeleteVersionAsync(string model, int version, string? etag, CancellationToken cancellationToken = default);

    /// <summary>The model's aliases, in alias order.</summary>
    Task<IReadOnlyList<AliasAssignment>> ListAliasesAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>One alias; null when the model has no such alias.</summary>
    Task<AliasAssignment?> GetAliasAsync(string model, string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points <paramref name="alias"/> at <paramref name="version"/>: unconditionally when <paramref name="ifMatch"/> is
    /// null, else only over that state of an existing alias.
    /// </summary>
    Task<AliasAssignment> SetAliasAsync(
        string model,
        string alias,
        int version,
        DateTimeOffset updatedAt,
        string? ifMatch,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes an alias (with <paramref name="ifMatch"/>, only that state of it); false when there was none.</summary>
    Task<bool> DeleteAliasAsync(string model, string alias, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>One cheap read: succeeds when the store answers (readiness).</summary>
    Task CheckAsync(CancellationToken cancellationToken = default);
}
