namespace ModelOps.Rollouts;

/// <summary>
/// Routes each request by a hash of one of its values, so one caller keeps seeing one version: a request header
/// (<c>{"header": "x-user"}</c>) or a named input (<c>{"input": "customer_id"}</c>: the first element of that OIP input
/// tensor, or that column of the first row of a <c>rows</c> request). Exactly one of the two is set; a request without
/// the value is routed at random.
/// </summary>
/// <param name="Header">The request header whose value is the caller's key.</param>
/// <param name="Input">The request input whose (first) value is the caller's key.</param>
public sealed record StickyRouting(string? Header, string? Input = null)
{
    /// <summary>Sticky by an input's value.</summary>
    public static StickyRouting ByInput(string input) => new(null, input);
}
