using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using ModelOps.Storage.Connection;

namespace ModelOps.Storage.Queues;

/// <summary>
/// The Queue service REST operations the work queue needs. Message text travels base64-encoded (UTF-8), as the Azure SDKs
/// and Functions' queue trigger write it.
/// </summary>
public sealed class QueueServiceClient
{
    /// <summary>The service's limit on a message, counted after base64 encoding (so 48 KiB of UTF-8 text).</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;

    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;

    internal QueueServiceClient(HttpPipeline pipeline, Uri endpoint)
    {
        _pipeline = pipeline;
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Creates a queue; false when it exists already.</summary>
    public async Task<bool> CreateQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, queue, null);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            201 => true,
            204 => false,
            _ => throw StorageErrors.CreateException(response, $"Create queue '{queue}'"),
        };
    }

    /// <summary>Put Message: adds <paramref name="text"/>, invisible for <paramref name="visibilityTimeout"/>, kept until read and deleted.</summary>
    public async Task PutMessageAsync(
        string queue,
        string text,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var message = CreateMessage(RequestMethod.Post, queue, "/messages");
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        message.Request.Uri.AppendQuery("messagettl", "-1");
        SetBody(message.Request, text);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 201)
        {
            throw StorageErrors.CreateException(response, $"Put message on queue '{queue}'");
        }
    }

    /// <summary>Get Messages: up to <paramref name="count"/> (1–32) visible messages, hidden for <paramref name="visibilityTimeout"/>.</summary>
    public async Task<IReadOnlyList<QueueMessage>> GetMessagesAsync(
        string queue,
        int count,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 32);
        using var message = CreateMessage(RequestMethod.Get, queue, "/messages");
        message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Get messages from queue '{queue}'");
        }

        var root = XDocument.Parse(response.Content.ToString()).Root;
        var messages = new List<QueueMessage>();
        foreach (var element in root?.Elements("QueueMessage") ?? [])
        {
            messages.Add(new QueueMessage(
                Required(element, "MessageId"),
                Required(element, "PopReceipt"),
                Decode(element.Element("MessageText")?.Value ?? string.Empty),
                long.Parse(Required(element, "DequeueCount"), CultureInfo.InvariantCulture),
                StorageResponse.ParseHttpDate(Required(element, "InsertionTime")),
                StorageResponse.ParseHttpDate(Required(element, "TimeNextVisible"))));
        }

        return messages;
    }

    /// <summary>
    /// Update Message: sets a received message's invisibility (and optionally its text). Returns the new pop receipt.
    /// A stale pop receipt is a <see cref="StorageConflict.LeaseMismatch"/>, a gone message <see cref="StorageConflict.NotFound"/>.
    /// </summary>
    public async Task<(string PopReceipt, DateTimeOffset NextVisibleOn)> UpdateMessageAsync(
        string queue,
        string messageId,
        string popReceipt,
        TimeSpan visibilityTimeout,
        string? newText = null,
        CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, queue, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (newText is not null)
        {
            SetBody(message.Request, newText);
        }

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"Update message on queue '{queue}'", notFoundIsConflict: true);
        }

        var receipt = StorageResponse.Get(response, "x-ms-popreceipt")
            ?? throw new StorageRequestException(204, null, "Update Message returned no x-ms-popreceipt.");
        var nextVisible = StorageResponse.Get(response, "x-ms-time-next-visible");
        return (receipt, nextVisible is null ? default : StorageResponse.ParseHttpDate(nextVisible));
    }

    /// <summary>Delete Message. A stale pop receipt is a <see cref="StorageConflict.LeaseMismatch"/>, a gone message <see cref="StorageConflict.NotFound"/>.</summary>
    public async Task DeleteMessageAsync(string queue, string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, queue, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 204)
        {
            throw StorageErrors.CreateException(response, $"Delete message from queue '{queue}'", notFoundIsConflict: true);
        }
    }

    /// <summary>Get Queue Metadata: <c>x-ms-approximate-messages-count</c>.</summary>
    public async Task<int> GetApproximateMessageCountAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, queue, null);
        message.Request.Uri.AppendQuery("comp", "metadata");
        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw StorageErrors.CreateException(response, $"Get metadata of queue '{queue}'");
        }

        var count = StorageResponse.Get(response, "x-ms-approximate-messages-count");
        return count is null ? 0 : int.Parse(count, CultureInfo.InvariantCulture);
    }

    /// <summary>The text of a message body: base64 of UTF-8, or the raw text when another writer did not encode it.</summary>
    internal static string Decode(string messageText)
    {
        var buffer = new byte[messageText.Length];
        return Convert.TryFromBase64String(messageText, buffer, out var written)
            && TryUtf8(buffer.AsSpan(0, written), out var decoded)
            ? decoded
            : messageText;
    }

    /// <summary>Throws on invalid bytes instead of substituting, so non-UTF-8 payloads are told apart. One per process.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static bool TryUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        try
        {
            text = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            return false;
        }
    }

    private static void SetBody(Request request, string text)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        if (encoded.Length > MaxEncodedMessageLength)
        {
            throw new ArgumentException(
                $"A queue message holds at most 48 KiB of UTF-8 text (64 KiB once base64-encoded); this one is {encoded.Length} characters encoded. "
                + "Store large payloads as blobs and enqueue their names.",
                nameof(text));
        }

        var body = new XElement("QueueMessage", new XElement("MessageText", encoded));
        request.Headers.SetValue(HttpHeader.Names.ContentType, "application/xml");
        request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToString(SaveOptions.DisableFormatting)));
    }

    private static string Seconds(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, TimeSpan.FromDays(7));
        return ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    }

    private static string Required(XElement element, string name) =>
        element.Element(name)?.Value ?? throw new StorageRequestException(200, null, $"Queue message has no {name}.");

    private HttpMessage CreateMessage(RequestMethod method, string queue, string? suffix)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(_endpoint + "/" + Uri.EscapeDataString(queue) + suffix));
        return message;
    }

    private async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }
}
