using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using ModelOps.Access;

namespace ModelOps.Http.Security;

/// <summary>
/// The claims of an authenticated caller, as the key handler writes them and as Entra ID tokens carry them (claim names
/// unmapped): <c>oid</c> or <c>sub</c> for the id, <c>name</c>/<c>preferred_username</c>/<c>appid</c> for the name,
/// <c>roles</c> for app roles.
/// </summary>
public static class CallerClaims
{
    public const string ObjectId = "oid";
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Roles = "roles";
    public const string Kind = "modelops_kind";

    private static readonly object CallerKey = new();

    /// <summary>The caller of this request (computed once); null when nobody authenticated.</summary>
    public static Caller? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CallerKey, out var cached))
        {
            return (Caller?)cached;
        }

        var caller = From(context.User);
        context.Items[CallerKey] = caller;
        return caller;
    }

    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var id = user.FindFirst(ObjectId)?.Value ?? user.FindFirst(Subject)?.Value;
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var name = user.FindFirst(Name)?.Value ?? user.FindFirst("preferred_username")?.Value ?? user.FindFirst("appid")?.Value ?? user.FindFirst("azp")?.Value;
        var kind = Enum.TryParse<CallerKind>(user.FindFirst(Kind)?.Value, out var parsed) ? parsed : CallerKind.Token;
        return new Caller(id, name, kind, [.. user.FindAll(Roles).Select(c => c.Value)]);
    }

    /// <summary>An identity for a key or a host grant.</summary>
    public static ClaimsPrincipal Principal(string id, string name, CallerKind kind, string role, string authenticationType) =>
        new(new ClaimsIdentity(
            [new Claim(Subject, id), new Claim(Name, name), new Claim(Kind, kind.ToString()), new Claim(Roles, role)],
            authenticationType,
            Name,
            Roles));
}
