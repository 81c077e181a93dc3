using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Access;

namespace ModelOps.Http.Security;

/// <summary>
/// Authenticates the Functions way: a <see cref="HostAccessGrant"/> the host set (it checked the key itself), else the
/// admin key (role <c>ModelOps.Admin</c> on all models) or the inference key (<c>ModelOps.Invoker</c>) in
/// <c>x-functions-key</c> or the <c>code</c> query parameter. No key is no result (the route decides); a wrong one fails
/// with a message that never repeats it.
/// </summary>
internal sealed class FunctionsKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<ApiKeyOptions> keys,
    IOptionsMonitor<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "x-functions-key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Features.Get<HostAccessGrant>() is { Level: { } level })
        {
            return Task.FromResult(level == AccessLevel.Admin
                ? Success("host:admin", "host admin level", CallerKind.Host, AppRoles.Admin)
                : Success("host:function", "host function level", CallerKind.Host, AppRoles.Invoker));
        }

        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = Request.Query["code"];
        }

        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(Request.Headers.Authorization.Count > 0 && !auth.CurrentValue.Enabled
                ? Fail("This host accepts no bearer tokens (ModelOps:Auth:Audience is not set); send a key in 'x-functions-key'.")
                : AuthenticateResult.NoResult());
        }

        var current = keys.CurrentValue;
        if (Matches(presented, current.AdminKey))
        {
            return Task.FromResult(Success("key:admin", "admin key", CallerKind.Key, AppRoles.Admin));
        }

        if (Matches(presented, current.ApiKey))
        {
            return Task.FromResult(Success("key:api", "inference key", CallerKind.Key, AppRoles.Invoker));
        }

        return Task.FromResult(Fail($"The key in '{HeaderName}' is not valid."));
    }

    private AuthenticateResult Fail(string message)
    {
        var result = AuthenticateResult.Fail(message);
        AuthenticationFailure.Set(Context, result.Failure!);
        return result;
    }

    private AuthenticateResult Success(string id, string name, CallerKind kind, string role) =>
        AuthenticateResult.Success(new AuthenticationTicket(CallerClaims.Principal(id, name, kind, role, Scheme.Name), Scheme.Name));

    /// <summary>Constant-time for keys of equal length; compares the UTF-16 bytes, so nothing is allocated per request.</summary>
    private static bool Matches(string? presented, string expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));
}
