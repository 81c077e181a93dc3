using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ModelOps.Errors;
using ModelOps.Serialization;

namespace ModelOps.Http.Endpoints;

/// <summary>Reading request bodies and writing JSON responses, shared by every route.</summary>
internal static class HttpBodies
{
    /// <summary>Relaxed escaping: non-ASCII strings stay readable; bodies are JSON, never embedded in HTML.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The body as a JSON document, read strictly (<see cref="StrictJson"/>): text that is not valid Unicode and keys
    /// repeated in one object are a 400 naming where they are, for every route alike.
    /// </summary>
    public static async Task<JsonDocument> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            throw ModelOpsException.Invalid("The request body is empty; send a JSON object.");
        }

        var body = await ReadBytesAsync(request, cancellationToken).ConfigureAwait(false);
        return body.IsEmpty
            ? throw ModelOpsException.Invalid("The request body is empty; send a JSON object.")
            : StrictJson.Parse(body);
    }

    /// <summary>The whole body, without a final copy (large model uploads would otherwise be held twice).</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = request.ContentLength is long length and > 0 and < int.MaxValue
            ? new MemoryStream((int)length)
            : new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Writes JSON straight to the response pipe with a caller-supplied writer function.</summary>
    public static async Task WriteJsonAsync(HttpResponse response, int statusCode, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = MediaTypeNames.Application.Json;
        var writer = new Utf8JsonWriter(response.BodyWriter, WriterOptions);
        await using (writer.ConfigureAwait(false))
        {
            write(writer);
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A version route segment as a number, or a 400/404 naming it.</summary>
    public static int ParseVersion(string text, string model)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw ModelOpsException.NotFound($"Model '{model}' has no version '{text}': versions are positive integers.");
    }

    /// <summary>The If-Match header, or null when absent.</summary>
    public static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
