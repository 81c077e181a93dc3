using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ModelOps.Http.Security;

/// <summary>
/// Configures the real JwtBearer handler from <see cref="AuthOptions"/>: issuers of the tenant, audiences of this API,
/// lifetime with a small skew, roles from <c>roles</c>, claim names as Entra ID issues them, and the signing keys from
/// the issuer's metadata or from <see cref="AuthOptions.SigningKeys"/>. A token of another tenant (<c>tid</c>) fails.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == AccessSchemes.Bearer)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = auth.Value;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuers = settings.ValidIssuers,
            ValidAudiences = settings.ValidAudiences,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = settings.ClockSkew,
            NameClaimType = CallerClaims.Name,
            RoleClaimType = CallerClaims.Roles,
        };
        if (settings.SigningKeys.Length > 0)
        {
            options.TokenValidationParameters.IssuerSigningKeys = [.. settings.SigningKeys.Select(ReadKey)];
        }
        else if (settings.Enabled)
        {
            options.Authority = settings.Issuer is { Length: > 0 } issuer ? issuer : $"{settings.Instance.TrimEnd('/')}/{settings.TenantId}/v2.0";
        }

        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var tenant = context.Principal?.FindFirst("tid")?.Value;
                if (settings.TenantId is { Length: > 0 } expected && !string.Equals(tenant, expected, StringComparison.OrdinalIgnoreCase))
                {
                    var failure = new AuthenticationFailureException("The bearer token was issued for another tenant than this API's.");
                    context.Fail(failure);
                    AuthenticationFailure.Set(context.HttpContext, failure);
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                AuthenticationFailure.Set(context.HttpContext, context.Exception);
                return Task.CompletedTask;
            },
        };
    }

    private static RsaSecurityKey ReadKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return new RsaSecurityKey(rsa);
    }
}
