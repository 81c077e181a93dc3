using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ModelOps.Http.Security;

/// <summary>
/// Checks the caller's key against the matched route's <see cref="KeyRequirement"/>; 401 with a JSON body otherwise.
/// When the host authorized the request itself (a <see cref="HostAccessGrant"/> feature), the grant is checked instead
/// and no key is asked for; a grant below the route's requirement is a 403.
/// Runs after routing, so it knows the route, and before the endpoint, so a refused call costs no body parsing.
/// </summary>
internal sealed class ApiKeyMiddleware(RequestDelegate next, IOptionsMonitor<ApiKeyOptions> keys)
{
    public const string HeaderName = "x-functions-key";

    public Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<KeyRequirement>();
        if (requirement is null)
        {
            return next(context);
        }

        if (context.Features.Get<HostAccessGrant>() is { } grant)
        {
            return grant.Allows(requirement.Level)
                ? next(context)
                : ErrorResults.WriteAsync(
                    context,
                    StatusCodes.Status403Forbidden,
                    $"{context.Request.Method} {context.Request.Path} is {(requirement.Level == AccessLevel.Admin ? "a management" : "an inference")} route; the function that received the request grants {Describe(grant.Level)} access only.");
        }

        var request = context.Request;
        string? presented = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query["code"];
        }

        var options = keys.CurrentValue;
        if (Matches(presented, options.AdminKey) || (requirement.Level == AccessLevel.Inference && Matches(presented, options.ApiKey)))
        {
            return next(context);
        }

        var message = string.IsNullOrEmpty(presented)
            ? $"Missing key: send it in the '{HeaderName}' header."
            : requirement.Level == AccessLevel.Admin && Matches(presented, options.ApiKey)
                ? "This is a management route: it needs the admin key, not the inference key."
                : $"The key in '{HeaderName}' is not valid.";
        return ErrorResults.WriteAsync(context, StatusCodes.Status401Unauthorized, message);
    }

    private static string Describe(AccessLevel? level) => level switch
    {
        AccessLevel.Admin => "management",
        AccessLevel.Inference => "inference",
        _ => "anonymous",
    };

    /// <summary>Constant-time for keys of equal length; compares the UTF-16 bytes, so nothing is allocated per request.</summary>
    private static bool Matches(string? presented, string expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(presented.AsSpan()), MemoryMarshal.AsBytes(expected.AsSpan()));
}
