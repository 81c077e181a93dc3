namespace ModelOps.Http.Security;

/// <summary>
/// A request feature: the access a host granted after authorizing the request itself. Azure Functions checks the
/// function or master key before the worker sees a request, so the function that receives it sets this grant (its own
/// authorization level) and <see cref="FunctionsKeyHandler"/> authenticates the caller at that level (admin: role
/// ModelOps.Admin; function: ModelOps.Invoker) instead of demanding a key of its own; the route's permission is then
/// checked as for any caller. An anonymous grant leaves the request to a bearer token. Where nothing sets it (the local
/// host), keys are checked.
/// </summary>
public sealed class HostAccessGrant
{
    private static readonly HostAccessGrant InferenceGrant = new(AccessLevel.Inference);
    private static readonly HostAccessGrant AdminGrant = new(AccessLevel.Admin);

    private HostAccessGrant(AccessLevel? level)
    {
        Level = level;
    }

    /// <summary>The host authorized no caller (an anonymous function): open routes only.</summary>
    public static HostAccessGrant Anonymous { get; } = new(null);

    /// <summary>The level the host authorized; null when anonymous.</summary>
    public AccessLevel? Level { get; }

    /// <summary>The host authorized the caller at <paramref name="level"/>.</summary>
    public static HostAccessGrant Of(AccessLevel level) => level switch
    {
        AccessLevel.Inference => InferenceGrant,
        AccessLevel.Admin => AdminGrant,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown access level."),
    };

    /// <summary>Admin access reaches every route, inference access the inference routes.</summary>
    public bool Allows(AccessLevel required) => Level == AccessLevel.Admin || Level == required;
}
