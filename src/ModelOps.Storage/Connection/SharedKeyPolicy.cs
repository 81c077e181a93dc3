using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ModelOps.Storage.Connection;

/// <summary>
/// Signs each request (each retry: the date changes) with the account key: <c>Authorization: SharedKey account:signature</c>.
/// Runs after <see cref="StorageHeadersPolicy"/>, which sets <c>x-ms-date</c>.
/// </summary>
internal sealed class SharedKeyPolicy(StorageSharedKeyCredential credential, SharedKeyScheme scheme) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var stringToSign = BuildStringToSign(message.Request, credential.AccountName, scheme);
        var signature = credential.ComputeSignature(stringToSign);
        message.Request.Headers.SetValue(HttpHeader.Names.Authorization, $"SharedKey {credential.AccountName}:{signature}");
    }

    /// <summary>The string-to-sign of the Authorize-with-Shared-Key REST reference for <paramref name="scheme"/>.</summary>
    internal static string BuildStringToSign(Request request, string accountName, SharedKeyScheme scheme)
    {
        var uri = request.Uri.ToUri();
        var contentType = Header(request, HttpHeader.Names.ContentType);
        var contentMd5 = Header(request, "Content-MD5");
        if (scheme == SharedKeyScheme.Table)
        {
            var date = Header(request, "x-ms-date");
            if (date.Length == 0)
            {
                date = Header(request, HttpHeader.Names.Date);
            }

            return string.Join('\n', request.Method.Method.ToUpperInvariant(), contentMd5, contentType, date, TableResource(uri, accountName));
        }

        var builder = new StringBuilder();
        builder.Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header(request, "Content-Encoding")).Append('\n')
            .Append(Header(request, "Content-Language")).Append('\n')
            .Append(ContentLength(request)).Append('\n')
            .Append(contentMd5).Append('\n')
            .Append(contentType).Append('\n')
            .Append(Header(request, HttpHeader.Names.Date)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfModifiedSince)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfMatch)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfNoneMatch)).Append('\n')
            .Append(Header(request, HttpHeader.Names.IfUnmodifiedSince)).Append('\n')
            .Append(Header(request, HttpHeader.Names.Range)).Append('\n');
        AppendCanonicalizedHeaders(builder, request);
        AppendBlobQueueResource(builder, uri, accountName);
        return builder.ToString();
    }

    private static string Header(Request request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value : string.Empty;

    private static string ContentLength(Request request)
    {
        // The transport sets Content-Length from the content; the signature must carry the same number ("" for 0).
        if (request.Content is not null && request.Content.TryComputeLength(out var length))
        {
            return length == 0 ? string.Empty : length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var header = Header(request, HttpHeader.Names.ContentLength);
        return header == "0" ? string.Empty : header;
    }

    private static void AppendCanonicalizedHeaders(StringBuilder builder, Request request)
    {
        var headers = new List<(string Name, string Value)>();
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                headers.Add((header.Name.ToLowerInvariant(), header.Value.Trim()));
            }
        }

        headers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        foreach (var (name, value) in headers)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendBlobQueueResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).ToLowerInvariant();
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            if (!parameters.TryGetValue(name, out var values))
            {
                values = [];
                parameters[name] = values;
            }

            values.Add(value);
        }

        foreach (var (name, values) in parameters)
        {
            values.Sort(StringComparer.Ordinal);
            builder.Append('\n').Append(name).Append(':').Append(string.Join(',', values));
        }
    }

    private static string TableResource(Uri uri, string accountName)
    {
        var resource = "/" + accountName + (uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (pair.StartsWith("comp=", StringComparison.OrdinalIgnoreCase))
            {
                return resource + "?comp=" + Uri.UnescapeDataString(pair["comp=".Length..]);
            }
        }

        return resource;
    }
}
