using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using ModelOps.Host.Tests.Access;
using ModelOps.Host.Tests.EndToEnd;
using ModelOps.Http.Security;

namespace ModelOps.Host.Tests.OpenApi;

/// <summary>
/// The OpenAPI document the running host serves at /openapi/v1.json: every mapped route with its methods and
/// permission, references that resolve, and request examples that the routes they describe accept.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class OpenApiDocumentTests(HostProcessFixture host)
{
    private static readonly string[] BodyMethods = ["put", "patch", "post"];

    [Fact]
    public async Task Document_EveryMappedRoute_AppearsWithItsMethodsAndPermission()
    {
        using var document = await FetchAsync(host.Anonymous);
        var root = document.RootElement;
        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = root.GetProperty("paths");

        var missing = new List<string>();
        var described = 0;
        foreach (var (route, endpoint) in HostRoutes.Mapped())
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                // Only the document and the reference page themselves stay out of the document.
                Assert.True(route.Contains("/openapi/", StringComparison.Ordinal) || route.Contains("/scalar", StringComparison.Ordinal), $"{route} is left out of the document");
                continue;
            }

            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is null)
            {
                // Prometheus' scrape endpoint speaks its text format, not the JSON contract.
                Assert.Equal("GET /metrics", route);
                continue;
            }

            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)].ToLowerInvariant();
            var template = "/" + route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim('/');
            if (!paths.TryGetProperty(template, out var item) && !paths.TryGetProperty(template + "/", out item) ||
                !item.TryGetProperty(method, out var operation))
            {
                missing.Add(route);
                continue;
            }

            described++;
            Assert.True(operation.TryGetProperty("responses", out var responses) && responses.TryGetProperty("default", out _), $"{route} has no error response");
            var security = operation.GetProperty("security");
            if (endpoint.Metadata.GetMetadata<PermissionRequirement>() is { } requirement)
            {
                Assert.Equal(2, security.GetArrayLength());
                Assert.Equal(requirement.Permission.ToString(), operation.GetProperty("x-modelops-permission").GetString());
            }
            else
            {
                Assert.NotNull(endpoint.Metadata.GetMetadata<IAllowAnonymous>());
                Assert.Equal(0, security.GetArrayLength());
            }
        }

        Assert.True(missing.Count == 0, "Not in the document: " + string.Join(", ", missing));
        Assert.True(described > 40, $"Only {described} routes described");
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-functions-key", schemes.GetProperty("functionsKey").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Document_EveryReference_ResolvesToASchema()
    {
        using var document = await FetchAsync(host.Anonymous);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var references = new List<string>();
        Collect(document.RootElement, references);

        Assert.Contains("#/components/schemas/Error", references);
        Assert.Contains("#/components/schemas/ModelVersion", references);
        foreach (var reference in references.Distinct(StringComparer.Ordinal))
        {
            Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
            Assert.True(schemas.TryGetProperty(reference["#/components/schemas/".Length..], out _), $"{reference} does not resolve");
        }
    }

    [Fact]
    public async Task Examples_SentToTheirRoutes_AreAcceptedAndAnswerTheDescribedShape()
    {
        var model = Models.UniqueName("openapi");
        using (var content = new ByteArrayContent(Models.IrisForest))
        {
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            await HttpAssert.OkJsonAsync(await host.Admin.PostAsync(new Uri($"/api/models/{model}/versions", UriKind.Relative), content), System.Net.HttpStatusCode.Created);
        }

        using var document = await FetchAsync(host.Anonymous);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var examples = new List<(string Method, string Path, string MediaType, string Body, JsonElement Responses)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in BodyMethods)
            {
                if (path.Value.TryGetProperty(method, out var operation) && operation.TryGetProperty("requestBody", out var body))
                {
                    foreach (var media in body.GetProperty("content").EnumerateObject())
                    {
                        if (media.Value.TryGetProperty("example", out var example))
                        {
                            var text = example.ValueKind == JsonValueKind.String ? example.GetString()! : example.GetRawText();
                            examples.Add((method, path.Name, media.Name, text, operation.GetProperty("responses")));
                        }
                    }
                }
            }
        }

        // Aliases and settings first (a prediction needs the champion), then the rest in document order.
        var failures = new List<string>();
        foreach (var (method, template, mediaType, body, responses) in examples.OrderBy(e => Array.IndexOf(BodyMethods, e.Method)))
        {
            var path = template.Replace("{model}", model, StringComparison.Ordinal).Replace("{version}", "1", StringComparison.Ordinal)
                .Replace("{alias}", "champion", StringComparison.Ordinal).Replace("{name}", "example.csv", StringComparison.Ordinal)
                .Replace("{id}", model, StringComparison.Ordinal);
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(path, UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, mediaType),
            };
            using var response = await host.Admin.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{method.ToUpperInvariant()} {template}: {status} {answer}");
                continue;
            }

            // The answer has the properties its described schema requires.
            if (responses.TryGetProperty(status, out var described) && described.TryGetProperty("content", out var content) &&
                content.TryGetProperty("application/json", out var json) && json.GetProperty("schema").TryGetProperty("$ref", out var reference))
            {
                var schema = schemas.GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
                using var parsed = JsonDocument.Parse(answer);
                foreach (var required in schema.TryGetProperty("required", out var names) ? names.EnumerateArray() : default)
                {
                    if (!parsed.RootElement.TryGetProperty(required.GetString()!, out _))
                    {
                        failures.Add($"{method.ToUpperInvariant()} {template}: the answer lacks '{required.GetString()}': {answer}");
                    }
                }
            }
        }

        Assert.True(examples.Count >= 12, $"Only {examples.Count} examples in the document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task ReferencePage_IsServedWithoutCredentials()
    {
        using var response = await host.Anonymous.GetAsync(new Uri("/scalar/", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, page);
        Assert.Contains("openapi/v1.json", page, StringComparison.Ordinal);
        using var script = await host.Anonymous.GetAsync(new Uri("/scalar/scalar.js", UriKind.Relative));
        Assert.True(script.IsSuccessStatusCode, $"scalar.js: {(int)script.StatusCode}");
        Assert.True((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "scalar.js is the bundled page script, served locally");
    }

    private static async Task<JsonDocument> FetchAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref")
                    {
                        references.Add(property.Value.GetString()!);
                    }
                    else
                    {
                        Collect(property.Value, references);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, references);
                }

                break;
        }
    }
}
