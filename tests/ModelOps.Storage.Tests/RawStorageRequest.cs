using System.Globalization;
using System.Xml.Linq;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Tests;

/// <summary>
/// A plain HttpClient GET against Azurite, signed by a hand-built Shared Key string (not the adapter's policy), so tests
/// can look at what the service stored rather than what our own client reads back.
/// </summary>
internal static class RawStorageRequest
{
    /// <param name="connectionString">The account (name and key) to sign with.</param>
    /// <param name="endpoint">The service endpoint (with the account path segment).</param>
    /// <param name="path">The resource path below the endpoint, e.g. <c>/container/blob</c>.</param>
    /// <param name="query">Query parameters, names lowercase and sorted, values plain.</param>
    public static async Task<XElement> GetXmlAsync(string connectionString, Uri endpoint, string path, params (string Name, string Value)[] query)
    {
        var account = StorageConnectionString.Parse(connectionString);
        var uri = new Uri(endpoint.AbsoluteUri.TrimEnd('/') + path
            + "?" + string.Join('&', query.Select(q => q.Name + "=" + Uri.EscapeDataString(q.Value))));
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var stringToSign = $"GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:{date}\nx-ms-version:2021-12-02\n/{account.AccountName}{uri.AbsolutePath}"
            + string.Concat(query.Select(q => $"\n{q.Name}:{q.Value}"));
        var signature = new StorageSharedKeyCredential(account.AccountName, account.AccountKey!).ComputeSignature(stringToSign);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-version", "2021-12-02");
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {account.AccountName}:{signature}");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return XDocument.Parse(body).Root!;
    }
}
