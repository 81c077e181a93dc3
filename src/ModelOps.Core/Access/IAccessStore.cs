namespace ModelOps.Access;

/// <summary>
/// The port to role assignments and per-model access settings. Conditional writes throw
/// <see cref="Errors.StoreConflictException"/> when the record changed (or is missing, or exists already).
/// </summary>
public interface IAccessStore
{
    Task<RoleAssignment?> GetAssignmentAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every assignment, in id order.</summary>
    Task<IReadOnlyList<RoleAssignment>> ListAssignmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates or replaces an assignment: unconditionally when <paramref name="ifMatch"/> is null, else only over that
    /// state of an existing one. Returns it with its new token.
    /// </summary>
    Task<RoleAssignment> PutAssignmentAsync(RoleAssignment assignment, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>Deletes an assignment (with <paramref name="ifMatch"/>, only that state of it); false when there was none.</summary>
    Task<bool> DeleteAssignmentAsync(string id, string? ifMatch, CancellationToken cancellationToken = default);

    /// <summary>The model's access settings; null when it has none (the defaults).</summary>
    Task<ModelAccessSettings?> GetModelSettingsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces a model's settings (with <paramref name="ifMatch"/>, only over that state).</summary>
    Task<ModelAccessSettings> PutModelSettingsAsync(ModelAccessSettings settings, string? ifMatch, CancellationToken cancellationToken = default);
}
