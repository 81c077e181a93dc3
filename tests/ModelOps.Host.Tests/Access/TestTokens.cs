using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ModelOps.Host.Tests.Access;

/// <summary>
/// An issuer of the tests' own: an RSA key generated per run, whose public half the host is configured with
/// (<c>ModelOps:Auth:SigningKeys</c>), and tokens shaped like Microsoft Entra ID access tokens (iss of the tenant's v2.0
/// endpoint, aud, tid, oid, sub, name, roles).
/// </summary>
internal sealed class TestTokens : IDisposable
{
    public const string TenantId = "3f1b7c52-0d4e-4f7a-9c1e-5a6b7c8d9e0f";
    public const string Audience = "api://modelops-tests";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";

    private readonly RSA _key = RSA.Create(2048);
    private readonly RSA _stranger = RSA.Create(2048);

    /// <summary>The public key in PEM, as the host's setting takes it.</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A token for <paramref name="objectId"/> with <paramref name="roles"/>; every other field can be spoiled.</summary>
    public string Issue(
        string objectId,
        string[] roles,
        string? name = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        string audience = Audience,
        string tenant = TenantId,
        bool wrongKey = false)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = objectId,
            ["sub"] = "sub-" + objectId,
            ["tid"] = tenant,
            ["name"] = name ?? $"user {objectId}",
        };
        if (roles.Length > 0)
        {
            claims["roles"] = roles;
        }

        var notBeforeTime = notBefore ?? now.AddMinutes(-5);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            NotBefore = notBeforeTime.UtcDateTime,
            IssuedAt = notBeforeTime.UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(wrongKey ? _stranger : _key) { KeyId = wrongKey ? "stranger" : "tests" }, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _key.Dispose();
        _stranger.Dispose();
    }
}
