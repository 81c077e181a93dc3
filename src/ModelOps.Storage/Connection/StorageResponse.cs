using System.Globalization;
using Azure;

namespace ModelOps.Storage.Connection;

/// <summary>Reads the storage headers every client needs from a response.</summary>
internal static class StorageResponse
{
    public static string ETag(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) && !string.IsNullOrEmpty(etag)
            ? etag
            : throw new StorageRequestException(response.Status, null, "The storage response carries no ETag.");

    public static DateTimeOffset LastModified(Response response) =>
        response.Headers.TryGetValue("Last-Modified", out var value) ? ParseHttpDate(value) : default;

    public static string? Get(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses an RFC 1123 date, e.g. <c>Sun, 22 Nov 2026 04:00:00 GMT</c>.</summary>
    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    /// <summary>Storage ETags travel quoted in headers and bare in list bodies; we keep the quoted form everywhere.</summary>
    public static string QuoteETag(string etag) =>
        etag.StartsWith('"') || etag.StartsWith("W/", StringComparison.Ordinal) ? etag : "\"" + etag + "\"";
}
