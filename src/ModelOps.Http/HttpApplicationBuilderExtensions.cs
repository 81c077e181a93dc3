using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Http.Endpoints;
using ModelOps.Http.Security;

namespace ModelOps.Http;

/// <summary>Wires the HTTP surface: services, middleware and routes.</summary>
public static class HttpApplicationBuilderExtensions
{
    /// <summary>Adds the HTTP layer's services; keys and limits bind from configuration by the host.</summary>
    public static IServiceCollection AddModelOpsHttp(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>()
            .Validate(o => !string.IsNullOrWhiteSpace(o.AdminKey) && !string.IsNullOrWhiteSpace(o.ApiKey), "ModelOps__AdminKey and ModelOps__ApiKey must both be set (see local.settings.sample.json).")
            .ValidateOnStart();
        services.AddOptions<HttpOptions>()
            .Validate(o => o.MaxRequestBodyBytes > 0 && o.MaxModelBytes > 0, "Body limits must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ReadinessProbe>();
        services.ConfigureHttpJsonOptions(o => ModelOps.Serialization.ModelOpsJson.Apply(o.SerializerOptions));
        return services;
    }

    /// <summary>Error translation first, then routing, keys and body limits.</summary>
    public static IApplicationBuilder UseModelOpsHttp(this IApplicationBuilder app)
    {
        app.UseMiddleware<ErrorHandlingMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }

    public static IEndpointRouteBuilder MapModelOpsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapInferenceEndpoints().MapRegistryEndpoints();
        routes.MapRetrainingEndpoints();
        routes.MapInferenceJobEndpoints().MapServingEndpoints();
        routes.MapFallback((HttpContext context) => ErrorResults.Json(
            StatusCodes.Status404NotFound,
            $"No route matches {context.Request.Method} {context.Request.Path}."));
        return routes;
    }
}
