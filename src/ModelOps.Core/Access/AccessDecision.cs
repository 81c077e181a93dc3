namespace ModelOps.Access;

/// <summary>The outcome of an access check: allowed, or why not (naming the role needed).</summary>
public readonly record struct AccessDecision(bool Allowed, string? Reason)
{
    public static AccessDecision Allow { get; } = new(true, null);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
