using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ModelOps.Http.Security;

/// <summary>
/// Answers refused requests with the one error body: 401 saying what was wrong with the credentials (never repeating
/// them), 403 naming the role needed.
/// </summary>
internal sealed class AccessResultHandler(IOptions<AuthOptions> auth) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }

        if (authorizeResult.Forbidden)
        {
            var reasons = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
            return ErrorResults.WriteAsync(context, StatusCodes.Status403Forbidden, reasons.Count > 0 ? string.Join(" ", reasons) : "This caller may not do this.");
        }

        if (auth.Value.Enabled)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var failure = AuthenticationFailure.Get(context);
        return ErrorResults.WriteAsync(context, StatusCodes.Status401Unauthorized, Describe(failure));
    }

    private string Describe(Exception? failure) => failure switch
    {
        null => auth.Value.Enabled
            ? $"Missing credentials: send a key in '{FunctionsKeyHandler.HeaderName}' or a Microsoft Entra ID bearer token in 'Authorization'."
            : $"Missing key: send it in the '{FunctionsKeyHandler.HeaderName}' header.",
        AuthenticationFailureException own => own.Message,
        SecurityTokenExpiredException => "The bearer token has expired.",
        SecurityTokenNotYetValidException => "The bearer token is not valid yet.",
        SecurityTokenInvalidAudienceException => $"The bearer token is meant for another audience; this API accepts {string.Join(", ", auth.Value.ValidAudiences.Select(a => $"'{a}'"))}.",
        SecurityTokenInvalidIssuerException => "The bearer token comes from an issuer this API does not accept.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The bearer token's signature is not valid.",
        _ => "The bearer token is not valid.",
    };
}
