using System.Net;
using System.Text.Json;

namespace ModelOps.Host.Tests.EndToEnd;

internal static class HttpAssert
{
    /// <summary>Asserts the status and a JSON error body whose message contains <paramref name="fragment"/>.</summary>
    public static async Task ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string fragment) =>
        Assert.Contains(fragment, await ErrorAsync(response, status), StringComparison.Ordinal);

    /// <summary>Asserts the status and a JSON error body; returns its message.</summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString() ?? string.Empty;
    }

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
