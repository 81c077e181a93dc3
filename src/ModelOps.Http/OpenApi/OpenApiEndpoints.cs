using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace ModelOps.Http.OpenApi;

/// <summary>
/// The OpenAPI 3.1 description of the HTTP contract at <c>/openapi/v1.json</c>, generated from the mapped routes. Open to
/// anyone: it describes routes and shapes, never data, and a client needs it before it has a key.
/// </summary>
public static class OpenApiEndpoints
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddModelOpsOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddDocumentTransformer<ContractDocumentTransformer>();
        });

    public static IEndpointRouteBuilder MapModelOpsOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi().AllowAnonymous();
        return routes;
    }
}
