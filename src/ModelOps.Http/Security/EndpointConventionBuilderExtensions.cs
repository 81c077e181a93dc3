using Microsoft.AspNetCore.Builder;

namespace ModelOps.Http.Security;

/// <summary>Puts routes behind a key (checked by the API key middleware).</summary>
public static class EndpointConventionBuilderExtensions
{
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, AccessLevel level)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new KeyRequirement(level));
}
