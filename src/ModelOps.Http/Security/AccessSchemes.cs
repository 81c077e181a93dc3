using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace ModelOps.Http.Security;

/// <summary>The authentication schemes: one default that forwards to a key or a bearer token.</summary>
public static class AccessSchemes
{
    /// <summary>The default scheme: picks <see cref="Key"/> or <see cref="Bearer"/> per request.</summary>
    public const string Default = "ModelOps";

    /// <summary>The shared keys in <c>x-functions-key</c> or <c>code</c>, or the access the host granted.</summary>
    public const string Key = "FunctionsKey";

    public const string Bearer = JwtBearerDefaults.AuthenticationScheme;
}
