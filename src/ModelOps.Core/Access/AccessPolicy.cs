using Microsoft.Extensions.Options;

namespace ModelOps.Access;

/// <summary>
/// The one access rule of ModelOps: a caller may do what a role grants it, where a role comes from its token or key
/// (on all models) or from a role assignment (on the assignment's scope). Routes of no model need a grant on all models.
/// Assignments are read once per <see cref="AccessOptions.AssignmentCacheDuration"/>; a caller whose own roles suffice
/// costs no read at all.
/// </summary>
public sealed class AccessPolicy
{
    private readonly IAccessStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public AccessPolicy(IAccessStore store, TimeProvider time, IOptions<AccessOptions> options)
    {
        _store = store;
        _time = time;
        _cacheDuration = options.Value.AssignmentCacheDuration;
    }

    /// <summary>
    /// Whether <paramref name="caller"/> holds <paramref name="permission"/> on <paramref name="model"/> (null: a route of
    /// no model). Where the model is not in the route but found by a read (the run a route names), pass
    /// <paramref name="findModel"/> instead: it is called only when an assignment of the caller's could need it.
    /// </summary>
    public async ValueTask<AccessDecision> AuthorizeAsync(
        Caller caller,
        Permission permission,
        string? model,
        Func<CancellationToken, ValueTask<string?>>? findModel = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        foreach (var role in caller.Roles)
        {
            if (AppRoles.Grants(role, permission))
            {
                return AccessDecision.Allow;
            }
        }

        var assignments = await AssignmentsAsync(cancellationToken).ConfigureAwait(false);
        var candidates = assignments.Where(a => string.Equals(a.Principal, caller.Id, StringComparison.Ordinal) && AppRoles.Grants(a.Role, permission)).ToList();
        if (candidates.Count > 0 && model is null && findModel is not null)
        {
            model = await findModel(cancellationToken).ConfigureAwait(false);
        }

        if (candidates.Any(a => AccessScopes.Covers(a.Scope, model)))
        {
            return AccessDecision.Allow;
        }

        var needed = AppRoles.LeastGranting(permission);
        var alternative = needed == AppRoles.Admin ? string.Empty : $" (or '{AppRoles.Admin}')";
        var where = model is not null ? $"on model '{model}'" : findModel is not null ? "on this run's model" : "on all models";
        var held = caller.Roles.Count == 0 ? "no role on all models" : $"{string.Join(", ", caller.Roles.Select(r => $"'{r}'"))} on all models";
        return AccessDecision.Deny($"This needs the role '{needed}'{alternative} {where}; {caller.Display} has {held} and no assignment that covers it.");
    }

    /// <summary>Forgets the assignments read so far (after a change through this host).</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _snapshot = null;
        }
    }

    private ValueTask<IReadOnlyList<RoleAssignment>> AssignmentsAsync(CancellationToken cancellationToken)
    {
        Snapshot? snapshot;
        lock (_gate)
        {
            snapshot = _snapshot;
            if (snapshot is null || _time.GetElapsedTime(snapshot.ReadAt) > _cacheDuration)
            {
                // One read at a time: callers arriving meanwhile wait for the same one.
                snapshot = _snapshot = new Snapshot(_time.GetTimestamp(), _store.ListAssignmentsAsync(CancellationToken.None));
            }
        }

        if (snapshot.Assignments.IsCompletedSuccessfully)
        {
            return ValueTask.FromResult(snapshot.Assignments.Result);
        }

        return new ValueTask<IReadOnlyList<RoleAssignment>>(WaitAsync(snapshot, cancellationToken));
    }

    private async Task<IReadOnlyList<RoleAssignment>> WaitAsync(Snapshot snapshot, CancellationToken cancellationToken)
    {
        try
        {
            return await snapshot.Assignments.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (snapshot.Assignments.IsFaulted)
        {
            // A failed read is not kept: the next caller reads again.
            lock (_gate)
            {
                if (ReferenceEquals(_snapshot, snapshot))
                {
                    _snapshot = null;
                }
            }

            throw;
        }
    }

    private sealed record Snapshot(long ReadAt, Task<IReadOnlyList<RoleAssignment>> Assignments);
}
