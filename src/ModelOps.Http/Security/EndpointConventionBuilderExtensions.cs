using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ModelOps.Http.Security;

/// <summary>Puts routes behind a key.</summary>
public static class EndpointConventionBuilderExtensions
{
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AccessLevel level)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var filter = new ApiKeyFilter(level, factory.ApplicationServices.GetRequiredService<IOptionsMonitor<ApiKeyOptions>>());
            return context => filter.InvokeAsync(context, next);
        });
}
