using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Access;
using ModelOps.Http.Audit;
using ModelOps.Http.Endpoints;
using ModelOps.Http.OpenApi;
using ModelOps.Http.Security;
using ModelOps.Http.Serving;

namespace ModelOps.Http;

/// <summary>Wires the HTTP surface: services, middleware and routes.</summary>
public static class HttpApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the HTTP layer's services; keys, limits and <see cref="AuthOptions"/> bind from configuration by the host.
    /// Authentication: one default scheme that forwards to the key handler (keys, or the host's grant) or to the JwtBearer
    /// handler (a bearer token, when <see cref="AuthOptions"/> enables them). Authorization: every route's
    /// <see cref="PermissionRequirement"/>, decided by <see cref="PermissionHandler"/>; a route that declares none
    /// needs Admin.
    /// </summary>
    public static IServiceCollection AddModelOpsHttp(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());
        services.AddAuthentication(AccessSchemes.Default)
            .AddPolicyScheme(AccessSchemes.Default, "Key or bearer token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, FunctionsKeyHandler>(AccessSchemes.Key, _ => { })
            .AddJwtBearer(AccessSchemes.Bearer, _ => { });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>());
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new PermissionRequirement(Permission.Admin)).Build());
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResultHandler>();
        services.AddOptions<ApiKeyOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.AdminKey) && !string.IsNullOrWhiteSpace(o.ApiKey), "ModelOps__AdminKey and ModelOps__ApiKey must both be set (see local.settings.sample.json).")
            .ValidateOnStart();
        services.AddOptions<HttpOptions>()
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxModelBytes > 0, "Body limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ReadinessProbe>();
        services.AddOptions<ServingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ServingOptions>, ServingOptionsValidator>());
        services.AddHttpForwarder();
        services.AddSingleton<GpuForwarder>();
        services.AddModelOpsOpenApi();
        services.ConfigureHttpJsonOptions(o => ModelOps.Serialization.ModelOpsJson.Apply(o.SerializerOptions));
        return services;
    }

    /// <summary>
    /// Error bodies and error translation first, then routing, who is calling and may they, the audit trail, and body limits.
    /// A serving-mode host names itself in every response (<see cref="ServingHeader"/>), which a forwarding host passes on.
    /// </summary>
    public static IApplicationBuilder UseModelOpsHttp(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetRequiredService<IOptions<ServingOptions>>().Value.Mode == HostMode.Serving)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[ServingHeader] = "serving";
                return next(context);
            });
        }

        app.UseMiddleware<ErrorBodyMiddleware>();
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }

    /// <summary>Response header a serving-mode host sets on every response: <c>x-modelops-host-mode: serving</c>.</summary>
    public const string ServingHeader = "x-modelops-host-mode";

    /// <summary>Every route; in <see cref="HostMode.Serving"/> only health and inference (the rest answer 404).</summary>
    public static IEndpointRouteBuilder MapModelOpsEndpoints(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var serving = routes.ServiceProvider.GetRequiredService<IOptions<ServingOptions>>().Value;

        // A host with a GPU serving app decides per inference call, after the access check, whether the version goes there.
        var inference = routes.MapGroup(string.Empty);
        if (serving.Forwards)
        {
            inference.AddEndpointFilter<GpuForwardingFilter>();
        }

        inference.MapInferenceEndpoints();
        if (serving.Mode == HostMode.Full)
        {
            routes.MapRegistryEndpoints();
            routes.MapRetrainingEndpoints();
            routes.MapInferenceJobEndpoints().MapServingEndpoints();
            routes.MapAccessEndpoints().MapAuditEndpoints();
            routes.MapMonitoringEndpoints();
            routes.MapRolloutEndpoints();
        }

        routes.MapModelOpsOpenApi();
        routes.MapFallback((HttpContext context) => ErrorResults.Json(
            StatusCodes.Status404NotFound,
            $"No route matches {context.Request.Method} {context.Request.Path}.")).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    /// <summary>
    /// The host's grant and keys go to the key handler; a bearer token to JwtBearer when tokens are enabled (the key
    /// handler answers a token sent to a host that takes none).
    /// </summary>
    private static string SelectScheme(HttpContext context)
    {
        if (context.Features.Get<HostAccessGrant>() is { Level: not null })
        {
            return AccessSchemes.Key;
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) &&
            context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.Enabled
            ? AccessSchemes.Bearer
            : AccessSchemes.Key;
    }
}
