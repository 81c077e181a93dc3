using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using ModelOps.Http.Security;

namespace ModelOps.Http.OpenApi;

/// <summary>
/// Completes the document ASP.NET Core generates from the mapped routes (paths, methods, path parameters): the routes
/// read and write their bodies themselves, so their schemas, examples and summaries come from <c>contract.json</c>, an
/// OpenAPI fragment embedded beside this class; the key and bearer schemes and each operation's permission come from
/// the route's own metadata; every operation answers errors as <c>{"error": "..."}</c>.
/// </summary>
internal sealed class ContractDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string KeyScheme = "functionsKey";
    public const string BearerScheme = "bearer";

    private static readonly Lazy<OpenApiDocument> Contract = new(LoadContract);

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var contract = Contract.Value;
        document.Info = new OpenApiInfo
        {
            Title = "ModelOps",
            Version = "v1",
            Description = "Model registry, inference (Open Inference Protocol v2 and JSON rows), retraining runs, monitoring and access. " +
                "Send a key as x-functions-key or an Entra ID token as Authorization: Bearer. Every failure is {\"error\": \"...\"}.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        foreach (var (name, schema) in contract.Components!.Schemas!)
        {
            document.Components.Schemas[name] = schema;
        }

        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [KeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "x-functions-key",
                Description = "The admin key (every permission) or the API key (Invoke).",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A Microsoft Entra ID access token whose app roles (ModelOps.Reader, .Invoker, .Trainer, .Deployer, .Admin) grant permissions.",
            },
        };

        var error = new OpenApiResponse
        {
            Description = "Any failure, with a message naming the field, input or resource at fault.",
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference("Error", document) },
            },
        };

        foreach (var description in context.DescriptionGroups.SelectMany(g => g.Items))
        {
            if (description.HttpMethod is null || Find(document.Paths, description.RelativePath) is not { } pathItem ||
                pathItem.Operations?.GetValueOrDefault(new HttpMethod(description.HttpMethod)) is not { } operation)
            {
                continue;
            }

            var metadata = description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<PermissionRequirement>().FirstOrDefault() is { } requirement)
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
                ];
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
                operation.Extensions["x-modelops-permission"] = new JsonNodeExtension(JsonValue.Create(requirement.Permission.ToString()));
            }
            else if (metadata.OfType<IAllowAnonymous>().Any())
            {
                operation.Security = [];
            }

            if (Find(contract.Paths, description.RelativePath)?.Operations?.GetValueOrDefault(new HttpMethod(description.HttpMethod)) is { } described)
            {
                operation.Summary = described.Summary;
                operation.Description = described.Description;
                operation.RequestBody = described.RequestBody ?? operation.RequestBody;
                if (described.Parameters is { Count: > 0 })
                {
                    operation.Parameters = [.. operation.Parameters ?? [], .. described.Parameters];
                }

                if (described.Responses is { Count: > 0 })
                {
                    operation.Responses = new OpenApiResponses();
                    foreach (var (status, response) in described.Responses)
                    {
                        operation.Responses[status] = response;
                    }
                }
            }

            operation.Responses ??= new OpenApiResponses();
            operation.Responses["default"] = error;
        }

        return Task.CompletedTask;
    }

    /// <summary>The path item of a route, whether or not its template ends with a slash (a group's root does).</summary>
    private static IOpenApiPathItem? Find(OpenApiPaths? paths, string? relativePath)
    {
        var wanted = "/" + (relativePath ?? string.Empty).Trim('/');
        return paths?.FirstOrDefault(p => string.Equals(p.Key.TrimEnd('/'), wanted, StringComparison.Ordinal)).Value;
    }

    private static OpenApiDocument LoadContract()
    {
        using var stream = typeof(ContractDocumentTransformer).Assembly.GetManifestResourceStream("ModelOps.Http.OpenApi.contract.json")
            ?? throw new InvalidOperationException("contract.json is not embedded in ModelOps.Http.");
        using var reader = new StreamReader(stream);
        var result = OpenApiDocument.Parse(reader.ReadToEnd(), "json", new OpenApiReaderSettings());
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException("contract.json is not a valid OpenAPI document: " +
                string.Join("; ", result.Diagnostic?.Errors.Select(e => e.ToString()) ?? []));
        }

        return result.Document;
    }
}
