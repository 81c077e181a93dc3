namespace ModelOps.Audit;

/// <summary>
/// One entry of the audit trail: who (<see cref="ActorId"/>, <see cref="ActorName"/>, <see cref="ActorKind"/>), what
/// (<see cref="Method"/> on <see cref="Route"/> for <see cref="Resource"/>, the <see cref="Changes"/> with their before
/// and after), when, from where, and the correlation id. Appended once, never changed.
/// </summary>
public sealed record AuditRecord
{
    /// <summary>Sortable by time: <c>{ticks:D19}-{random}</c>.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string ActorId { get; init; }

    public string? ActorName { get; init; }

    public required string ActorKind { get; init; }

    public required string Method { get; init; }

    /// <summary>The route template (<c>/api/models/{model}/aliases/{alias}</c>), or an operation name outside HTTP.</summary>
    public required string Route { get; init; }

    /// <summary>The path that was called (<c>/api/models/fraud/aliases/champion</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>The model the change concerns; null for changes of no model (role assignments).</summary>
    public string? Model { get; init; }

    /// <summary>The HTTP status of the answer.</summary>
    public int Status { get; init; }

    public string? ClientAddress { get; init; }

    public string? CorrelationId { get; init; }

    public IReadOnlyList<AuditChange> Changes { get; init; } = [];
}
