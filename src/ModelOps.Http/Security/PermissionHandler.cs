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
internal sealed class PermissionHandler(AccessPolicy policy, IServiceProvider services, ILogger<PermissionHandler> logger)
    : AuthorizationHandler<PermissionRequirement, HttpContext>
{
    private static readonly object ModelKey = new();

    /// <summary>The model the request's access was checked on (for the audit trail); null for routes of no model.</summary>
    public static string? CheckedModel(HttpContext context) =>
        context.Items.TryGetValue(ModelKey, out var model) ? (string?)model : context.GetRouteValue("model") as string;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement, HttpContext resource)
    {
        if (CallerClaims.Of(resource) is not { } caller)
        {
            return;
        }

        var model = await ModelOfAsync(requirement.Scope, resource).ConfigureAwait(false);
        var decision = await policy.AuthorizeAsync(caller, requirement.Permission, model, resource.RequestAborted).ConfigureAwait(false);
        if (decision.Allowed)
        {
            context.Succeed(requirement);
            return;
        }

        Log.AccessDenied(logger, caller.Id, requirement.Permission, model ?? "*", resource.Request.Method, resource.Request.Path);
        context.Fail(new AuthorizationFailureReason(this, decision.Reason!));
    }

    private async Task<string?> ModelOfAsync(ModelScope scope, HttpContext context)
    {
        if (scope == ModelScope.RouteModel)
        {
            return context.GetRouteValue("model") as string;
        }

        if (context.Items.TryGetValue(ModelKey, out var known))
        {
            return (string?)known;
        }

        string? model = null;
        if (context.GetRouteValue("id") is string id && services.GetService(typeof(IWorkflowClient)) is IWorkflowClient client)
        {
            var run = await client.GetStatusAsync(id, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            model = run?.Tags.GetValueOrDefault("model");
        }

        context.Items[ModelKey] = model;
        return model;
    }
}
