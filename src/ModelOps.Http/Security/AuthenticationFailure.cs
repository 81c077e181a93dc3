using Microsoft.AspNetCore.Http;

namespace ModelOps.Http.Security;

/// <summary>
/// Why authentication failed on this request, kept for the 401 body: the authentication middleware keeps only
/// successes, so the key and bearer handlers note their failures here.
/// </summary>
internal static class AuthenticationFailure
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, Exception failure) => context.Items[Key] = failure;

    public static Exception? Get(HttpContext context) => context.Items.TryGetValue(Key, out var failure) ? failure as Exception : null;
}
