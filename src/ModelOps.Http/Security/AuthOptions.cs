using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace ModelOps.Http.Security;

/// <summary>
/// Microsoft Entra ID bearer tokens (section <c>ModelOps:Auth</c>). Off until <see cref="Audience"/> or
/// <see cref="ClientId"/> is set; keys keep working either way. Tokens must come from <see cref="TenantId"/>'s issuer
/// (v2.0 or v1), be meant for this API and be within their lifetime; roles come from their <c>roles</c> claim.
/// </summary>
public sealed class AuthOptions : IValidatableObject
{
    /// <summary>The Entra ID cloud instance. Default <c>https://login.microsoftonline.com/</c>.</summary>
    [Required]
    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>The directory (tenant) id tokens must come from; their <c>tid</c> claim must match it.</summary>
    public string? TenantId { get; set; }

    /// <summary>This API's application id URI (e.g. <c>api://modelops</c>): the <c>aud</c> tokens must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>This API's application (client) id, accepted as an audience too (v2.0 tokens carry it).</summary>
    public string? ClientId { get; set; }

    /// <summary>An issuer to accept instead of the tenant's Entra ID issuers (another identity provider; local tests).</summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// PEM public keys (RSA) that sign tokens. When set, these are the only keys and no metadata is fetched (local
    /// runs, tests, an air-gapped issuer); otherwise keys come from the issuer's OpenID Connect metadata.
    /// </summary>
    public string[] SigningKeys { get; set; } = [];

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether bearer tokens are accepted at all.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Audience) || !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The issuers a token may come from.</summary>
    public IReadOnlyList<string> ValidIssuers => Issuer is { Length: > 0 } issuer
        ? [issuer]
        : TenantId is { Length: > 0 } tenant ? [$"{Instance.TrimEnd('/')}/{tenant}/v2.0", $"https://sts.windows.net/{tenant}/"] : [];

    /// <summary>The audiences a token may carry.</summary>
    public IReadOnlyList<string> ValidAudiences => [.. new[] { Audience, ClientId }.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Instance, UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult($"ModelOps:Auth:Instance '{Instance}' must be an https URL.", [nameof(Instance)]);
        }

        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(TenantId) && string.IsNullOrWhiteSpace(Issuer))
        {
            yield return new ValidationResult("ModelOps:Auth:TenantId (or ModelOps:Auth:Issuer) must be set when ModelOps:Auth:Audience or ClientId is.", [nameof(TenantId)]);
        }

        for (var i = 0; i < SigningKeys.Length; i++)
        {
            if (!IsRsaPublicKey(SigningKeys[i]))
            {
                yield return new ValidationResult($"ModelOps:Auth:SigningKeys:{i} is not a PEM RSA public key.", [nameof(SigningKeys)]);
            }
        }
    }

    private static bool IsRsaPublicKey(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
