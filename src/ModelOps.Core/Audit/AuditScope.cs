namespace ModelOps.Audit;

/// <summary>
/// Collects the <see cref="AuditChange"/>s of one operation. Whoever records the operation (the HTTP layer, for every
/// request that changes something) begins a scope around it; services note what they changed with <see cref="Note"/>
/// wherever they are called from, without knowing who records it. Outside a scope a note goes nowhere.
/// </summary>
public sealed class AuditScope : IDisposable
{
    private static readonly AsyncLocal<AuditScope?> CurrentScope = new();
    private readonly AuditScope? _outer;
    private readonly List<AuditChange> _changes = [];

    private AuditScope(AuditScope? outer)
    {
        _outer = outer;
    }

    /// <summary>The changes noted so far, in order.</summary>
    public IReadOnlyList<AuditChange> Changes
    {
        get
        {
            lock (_changes)
            {
                return [.. _changes];
            }
        }
    }

    /// <summary>Starts collecting for the current asynchronous flow; dispose to stop.</summary>
    public static AuditScope Begin()
    {
        var scope = new AuditScope(CurrentScope.Value);
        CurrentScope.Value = scope;
        return scope;
    }

    /// <summary>Notes a change into the current scope, if there is one.</summary>
    public static void Note(AuditChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (CurrentScope.Value is { } scope)
        {
            lock (scope._changes)
            {
                scope._changes.Add(change);
            }
        }
    }

    public void Dispose() => CurrentScope.Value = _outer;
}
