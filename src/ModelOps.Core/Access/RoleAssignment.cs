namespace ModelOps.Access;

/// <summary>One grant of a role to a principal on a scope of models (<see cref="AccessScopes"/>).</summary>
public sealed record RoleAssignment
{
    public required string Id { get; init; }

    /// <summary>The principal's object id (or subject) as its tokens carry it.</summary>
    public required string Principal { get; init; }

    public required string Role { get; init; }

    public required string Scope { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Who made the assignment (<see cref="Caller.Id"/>).</summary>
    public required string UpdatedBy { get; init; }

    public string? ETag { get; init; }
}
