using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Access;
using ModelOps.Errors;

namespace ModelOps.Http.Security;

/// <summary>
/// For a route whose need depends on its body (a PATCH that changes an approval): demands a further permission through
/// the same authorization service and handler as every route's declared one.
/// </summary>
public static class HttpContextAccessExtensions
{
    public static async Task DemandAsync(this HttpContext context, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(context.User, context, new PermissionRequirement(permission)).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new ModelOpsException(
                ErrorKind.Forbidden,
                string.Join(" ", result.Failure?.FailureReasons.Select(r => r.Message) ?? []) is { Length: > 0 } reason ? reason : $"This needs permission {permission}.");
        }
    }

    /// <summary>The authenticated caller (every route that declares a permission has one).</summary>
    public static Caller Caller(this HttpContext context) =>
        CallerClaims.Of(context) ?? throw new InvalidOperationException("The route declares no permission, so it has no caller.");
}
