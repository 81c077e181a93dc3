using Microsoft.AspNetCore.Authorization;
using ModelOps.Access;

namespace ModelOps.Http.Security;

/// <summary>
/// Endpoint metadata and authorization requirement: the permission a route needs, on the model its
/// <see cref="Scope"/> names. ASP.NET Core's authorization middleware collects it from the endpoint and
/// <see cref="PermissionHandler"/> decides it.
/// </summary>
public sealed class PermissionRequirement(Permission permission, ModelScope scope = ModelScope.RouteModel) : IAuthorizationRequirement, IAuthorizationRequirementData
{
    public Permission Permission { get; } = permission;

    public ModelScope Scope { get; } = scope;

    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return this;
    }

    public override string ToString() => $"{Permission} ({Scope})";
}
