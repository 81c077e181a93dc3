namespace ModelOps.Access;

/// <summary>
/// Who is calling: a stable id (a token's object id or subject, <c>key:admin</c>, <c>key:api</c>, <c>host:admin</c>),
/// a display name where there is one, how it authenticated, and the roles it holds on all models.
/// </summary>
public sealed record Caller(string Id, string? Name, CallerKind Kind, IReadOnlyList<string> Roles)
{
    /// <summary>Name and id, for messages and the audit trail.</summary>
    public string Display => string.IsNullOrEmpty(Name) || Name == Id ? Id : $"{Name} ({Id})";
}
