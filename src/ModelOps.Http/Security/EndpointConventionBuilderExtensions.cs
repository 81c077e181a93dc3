using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using ModelOps.Access;

namespace ModelOps.Http.Security;

/// <summary>Declares what a route needs; the authorization middleware holds every request to it.</summary>
public static class EndpointConventionBuilderExtensions
{
    /// <summary>The route needs <paramref name="permission"/> on its model (<paramref name="scope"/>). Declare it per route, not per group: requirements add up.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission, ModelScope scope = ModelScope.RouteModel)
        where TBuilder : IEndpointConventionBuilder =>
        // The AuthorizeAttribute (authenticated callers) marks the route as declared, so the fallback policy (Admin, for
        // routes that declare nothing) is not added to it.
        builder.WithMetadata(new AuthorizeAttribute(), new PermissionRequirement(permission, scope));

    /// <summary>
    /// The older form: <see cref="AccessLevel.Inference"/> is <see cref="Permission.Invoke"/>, <see cref="AccessLevel.Admin"/>
    /// is <see cref="Permission.Admin"/> (so a route not yet given its own permission stays admin-only).
    /// </summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AccessLevel level)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequirePermission(level == AccessLevel.Inference ? Permission.Invoke : Permission.Admin);
}
