using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ModelOps.Http.Security;

/// <summary>Checks the caller's key against the route's access level; 401 with a JSON body otherwise.</summary>
internal sealed class ApiKeyFilter(AccessLevel level, IOptionsMonitor<ApiKeyOptions> keys) : IEndpointFilter
{
    public const string HeaderName = "x-functions-key";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        string? presented = request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query["code"];
        }

        var options = keys.CurrentValue;
        var allowed = Matches(presented, options.AdminKey) || (level == AccessLevel.Inference && Matches(presented, options.ApiKey));
        if (allowed)
        {
            return next(context);
        }

        var message = string.IsNullOrEmpty(presented)
            ? $"Missing key: send it in the '{HeaderName}' header."
            : level == AccessLevel.Admin && Matches(presented, options.ApiKey)
                ? "This is a management route: it needs the admin key, not the inference key."
                : $"The key in '{HeaderName}' is not valid.";
        return ValueTask.FromResult<object?>(ErrorResults.Json(StatusCodes.Status401Unauthorized, message));
    }

    private static bool Matches(string? presented, string expected) =>
        !string.IsNullOrEmpty(presented) && !string.IsNullOrEmpty(expected) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
