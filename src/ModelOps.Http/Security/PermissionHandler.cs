using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ModelOps.Access;
using ModelOps.Workflows;

namespace ModelOps.Http.Security;

/// <summary>
/// Decides every <see cref="PermissionRequirement"/> with the one <see cref="AccessPolicy"/>: the caller from the
/// request's identity, the model from the route (or from the run it names). A refusal carries the policy's reason,
/// which names the role needed.
/// </summary>
internal sealed class PermissionHandler(AccessPolicy policy, ILogger<PermissionHandler> logger)
    : AuthorizationHandler<PermissionRequirement, HttpContext>
{
    private static readonly object ModelKey = new();

    /// <summary>The model a request concerns (for the audit trail): its route's, or its run's; null for routes of no model.</summary>
    public static async ValueTask<string?> ModelOfAsync(HttpContext context, PermissionRequirement? requirement) =>
        requirement?.Scope == ModelScope.Run
            ? await RunModelAsync(context, CancellationToken.None).ConfigureAwait(false)
            : context.GetRouteValue("model") as string;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement, HttpContext resource)
    {
        if (CallerClaims.Of(resource) is not { } caller)
        {
            return;
        }

        var decision = requirement.Scope == ModelScope.RouteModel
            ? await policy.AuthorizeAsync(caller, requirement.Permission, resource.GetRouteValue("model") as string, cancellationToken: resource.RequestAborted).ConfigureAwait(false)
            : await policy.AuthorizeAsync(caller, requirement.Permission, null, ct => RunModelAsync(resource, ct), resource.RequestAborted).ConfigureAwait(false);
        if (decision.Allowed)
        {
            context.Succeed(requirement);
            return;
        }

        Log.AccessDenied(logger, caller.Id, requirement.Permission, resource.Request.Method, resource.Request.Path);
        context.Fail(new AuthorizationFailureReason(this, decision.Reason!));
    }

    /// <summary>The model of the run the route names (read once per request; kept for the audit trail).</summary>
    internal static async ValueTask<string?> RunModelAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Items.TryGetValue(ModelKey, out var known))
        {
            return (string?)known;
        }

        string? model = null;
        if (context.GetRouteValue("id") is string id && context.RequestServices.GetService(typeof(IWorkflowClient)) is IWorkflowClient client)
        {
            var run = await client.GetStatusAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
            model = run?.Tags.GetValueOrDefault("model");
        }

        context.Items[ModelKey] = model;
        return model;
    }
}
