using System.Text.Json;
using Microsoft.Extensions.Configuration.Memory;

namespace ModelOps.Host.Configuration;

/// <summary>
/// Reads the <c>Values</c> of an Azure Functions <c>local.settings.json</c> into configuration, so the local host
/// and the Functions app take the same settings (<c>ModelOps__AdminKey</c> becomes <c>ModelOps:AdminKey</c>).
/// The file is the lowest-precedence source: environment variables and arguments override it.
/// </summary>
public static class LocalSettingsConfigurationExtensions
{
    public static IConfigurationManager AddFunctionsLocalSettings(this IConfigurationManager configuration, string path)
    {
        if (!File.Exists(path))
        {
            return configuration;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in section.EnumerateObject())
            {
                values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()
                    : property.Value.GetRawText();
            }
        }

        configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = values });
        return configuration;
    }
}
