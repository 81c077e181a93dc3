using ModelOps.Audit;
using ModelOps.Errors;
using ModelOps.Registry;

namespace ModelOps.Access;

/// <summary>Role assignments: validated, stored with optimistic concurrency, noted for the audit trail.</summary>
public sealed class AccessAssignments
{
    public const int MaxPrincipalLength = 256;
    private readonly IAccessStore _store;
    private readonly AccessPolicy _policy;
    private readonly TimeProvider _time;

    public AccessAssignments(IAccessStore store, AccessPolicy policy, TimeProvider time)
    {
        _store = store;
        _policy = policy;
        _time = time;
    }

    public async Task<RoleAssignment> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(id, "assignment id");
        return await _store.GetAssignmentAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw ModelOpsException.NotFound($"There is no role assignment '{id}'.");
    }

    /// <summary>Every assignment, or those of one principal.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> ListAsync(string? principal, CancellationToken cancellationToken = default)
    {
        var all = await _store.ListAssignmentsAsync(cancellationToken).ConfigureAwait(false);
        return principal is null ? all : [.. all.Where(a => string.Equals(a.Principal, principal, StringComparison.Ordinal))];
    }

    /// <summary>Creates or replaces assignment <paramref name="id"/>; 400 for an unknown role or a bad scope or principal.</summary>
    public async Task<RoleAssignment> PutAsync(
        string id,
        string? principal,
        string? role,
        string? scope,
        string? description,
        Caller caller,
        string? ifMatch,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ModelNames.EnsureValid(id, "assignment id");
        if (string.IsNullOrWhiteSpace(principal) || principal.Length > MaxPrincipalLength || principal.Any(char.IsControl))
        {
            throw ModelOpsException.Invalid($"'principal' is required: the object id (or subject) of a user, group member or application, at most {MaxPrincipalLength} characters.");
        }

        if (!AppRoles.IsKnown(role))
        {
            throw ModelOpsException.Invalid($"'role' is '{role}'; there is no such role. The roles are {string.Join(", ", AppRoles.All.Select(r => $"'{r}'"))}.");
        }

        if (AccessScopes.Validate(scope) is { } problem)
        {
            throw ModelOpsException.Invalid(problem);
        }

        var before = await _store.GetAssignmentAsync(id, cancellationToken).ConfigureAwait(false);
        var assignment = new RoleAssignment
        {
            Id = id,
            Principal = principal,
            Role = role!,
            Scope = scope!,
            Description = description,
            UpdatedAt = _time.GetUtcNow(),
            UpdatedBy = caller.Id,
        };
        RoleAssignment stored;
        try
        {
            stored = await _store.PutAssignmentAsync(assignment, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw Stale(id, ifMatch, exception);
        }

        _policy.Invalidate();
        AuditScope.Note(new AuditChange(
            before is null ? "access.assigned" : "access.reassigned",
            null,
            $"assignment/{id}",
            [.. AuditFields.Of("principal", before?.Principal, stored.Principal), .. AuditFields.Of("role", before?.Role, stored.Role), .. AuditFields.Of("scope", before?.Scope, stored.Scope)]));
        return stored;
    }

    public async Task DeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken = default)
    {
        ModelNames.EnsureValid(id, "assignment id");
        var before = await _store.GetAssignmentAsync(id, cancellationToken).ConfigureAwait(false);
        bool deleted;
        try
        {
            deleted = await _store.DeleteAssignmentAsync(id, ifMatch, cancellationToken).ConfigureAwait(false);
        }
        catch (StoreConflictException exception)
        {
            throw Stale(id, ifMatch, exception);
        }

        if (!deleted)
        {
            throw ModelOpsException.NotFound($"There is no role assignment '{id}'.");
        }

        _policy.Invalidate();
        AuditScope.Note(new AuditChange(
            "access.unassigned",
            null,
            $"assignment/{id}",
            [.. AuditFields.Of("principal", before?.Principal, null), .. AuditFields.Of("role", before?.Role, null), .. AuditFields.Of("scope", before?.Scope, null)]));
    }

    private static ModelOpsException Stale(string id, string? ifMatch, StoreConflictException exception) => exception.Conflict == StoreConflict.NotFound
        ? ModelOpsException.NotFound($"There is no role assignment '{id}', so If-Match cannot hold.")
        : new ModelOpsException(ErrorKind.PreconditionFailed, $"Role assignment '{id}' has changed since ETag {ifMatch}; read it again.", exception);
}
