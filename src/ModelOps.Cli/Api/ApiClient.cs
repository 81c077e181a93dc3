using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ModelOps.Cli.Api;

/// <summary>The HTTP contract as the CLI uses it: JSON in and out, the key or the bearer token on every call.</summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    public ApiClient(ClientSettings settings, HttpMessageHandler? handler = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = settings.Url;
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (settings.Key is not null)
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", settings.Key);
        }

        if (settings.Token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        }
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    public Task<JsonElement> SendJsonAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken = default) =>
        SendAsync(method, path, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);

    /// <summary>Sends a body (a file) and returns the JSON answer; an empty answer (204) is an empty object.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new ApiException(0, $"Cannot reach {_http.BaseAddress}: {exception.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException((int)response.StatusCode, body);
            }

            if (string.IsNullOrWhiteSpace(body))
            {
                return JsonSerializer.SerializeToElement(new Dictionary<string, object>());
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new ApiException((int)response.StatusCode, $"The server answered {(int)response.StatusCode} with a body that is not JSON: {body}");
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
