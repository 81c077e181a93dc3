using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;

namespace ModelOps.Storage;

/// <summary>Turns an error response into <see cref="StorageConflictException"/> or <see cref="StorageRequestException"/>, in one place.</summary>
internal static class StorageErrors
{
    /// <summary>The service's error code: the <c>x-ms-error-code</c> header, else the XML or JSON body's code.</summary>
    public static string? GetErrorCode(Response response)
    {
        if (response.Headers.TryGetValue("x-ms-error-code", out var header) && !string.IsNullOrEmpty(header))
        {
            return header;
        }

        var (code, _) = ReadBody(response);
        return code;
    }

    /// <summary>
    /// The exception for a failed response. <paramref name="notFoundIsConflict"/>: a 404 means the item a condition
    /// names is missing (replace, merge, conditional delete) rather than a broken request.
    /// </summary>
    public static Exception CreateException(Response response, string operation, bool notFoundIsConflict = false)
    {
        var code = GetErrorCode(response);
        var (_, bodyMessage) = ReadBody(response);
        var message = $"{operation} failed: {response.Status} {code ?? response.ReasonPhrase}"
            + (string.IsNullOrWhiteSpace(bodyMessage) ? string.Empty : $" ({FirstLine(bodyMessage)})");
        var conflict = Classify(response.Status, code, notFoundIsConflict);
        return conflict is { } kind
            ? new StorageConflictException(kind, message)
            : new StorageRequestException(response.Status, code, message);
    }

    /// <summary>Which lost condition a status and error code mean, or null when the failure is not a conflict.</summary>
    public static StorageConflict? Classify(int status, string? code, bool notFoundIsConflict)
    {
        var leaseCode = code is not null && (code.Contains("Lease", StringComparison.Ordinal) || code == "PopReceiptMismatch");
        return status switch
        {
            409 or 412 or 400 when leaseCode => StorageConflict.LeaseMismatch,
            412 => StorageConflict.ETagMismatch,
            409 when code is "EntityAlreadyExists" or "BlobAlreadyExists" or "TableAlreadyExists" or "ContainerAlreadyExists"
                or "QueueAlreadyExists" => StorageConflict.AlreadyExists,
            // A missing container, queue or table is a broken setup, not a lost condition.
            404 when notFoundIsConflict && !IsMissingParent(code) => StorageConflict.NotFound,
            _ => null,
        };
    }

    private static bool IsMissingParent(string? code) => code is "ContainerNotFound" or "QueueNotFound" or "TableNotFound";

    private static (string? Code, string? Message) ReadBody(Response response)
    {
        BinaryData content;
        try
        {
            content = response.Content;
        }
        catch (InvalidOperationException)
        {
            // A streamed (unbuffered) response: only its x-ms-error-code header is at hand.
            return (null, null);
        }

        var text = content.ToString().Trim();
        if (text.Length == 0)
        {
            return (null, null);
        }

        try
        {
            if (text.StartsWith('<'))
            {
                var root = XDocument.Parse(text).Root;
                return (root?.Element("Code")?.Value, root?.Element("Message")?.Value);
            }

            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                if (json.RootElement.TryGetProperty("odata.error", out var error))
                {
                    var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                    var message = error.TryGetProperty("message", out var m)
                        ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                        : null;
                    return (code, message);
                }
            }
        }
        catch (Exception ex) when (ex is XmlException or JsonException)
        {
            // Not a storage error body (a proxy's page, say): report its text as the message.
        }

        return (null, text);
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOfAny(['\r', '\n']);
        return newline < 0 ? text : text[..newline];
    }
}
