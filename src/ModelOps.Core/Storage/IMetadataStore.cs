namespace ModelOps.Storage;

/// <summary>
/// The port to table storage: entities addressed by partition and row key, each with an ETag.
/// Writes that carry an ETag succeed only if the entity is unchanged; otherwise <see cref="StorageConflictException"/>.
/// </summary>
public interface IMetadataStore
{
    Task EnsureTableAsync(string table, CancellationToken cancellationToken = default);

    /// <summary>The entity, or null when it does not exist.</summary>
    Task<TableEntity?> GetAsync(string table, string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts a new entity; <see cref="StorageConflict.AlreadyExists"/> when the keys are taken. Returns the new ETag.</summary>
    Task<string> InsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces unconditionally. Returns the new ETag.</summary>
    Task<string> UpsertAsync(string table, TableEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Replaces an existing entity; with <paramref name="ifMatch"/> only that version of it. Returns the new ETag.</summary>
    Task<string> ReplaceAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Merges properties into an existing entity; with <paramref name="ifMatch"/> only that version of it.</summary>
    Task<string> MergeAsync(string table, TableEntity entity, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes an entity; false when it did not exist. With <paramref name="ifMatch"/>, only that version.</summary>
    Task<bool> DeleteAsync(string table, string partitionKey, string rowKey, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>One page of entities in a partition, optionally filtered (OData <c>$filter</c>), in row-key order.</summary>
    Task<TablePage> QueryAsync(string table, TableQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies all actions (one partition, at most 100) atomically: all happen or none do.
    /// A failed condition throws <see cref="StorageConflictException"/>. Returns the new ETags in action order (null for deletes).
    /// </summary>
    Task<IReadOnlyList<string?>> SubmitTransactionAsync(
        string table,
        IReadOnlyList<TableAction> actions,
        CancellationToken cancellationToken = default);
}
