using System.Text;
using Azure;
using Azure.Storage.Queues;
using ModelOps.Inference.Jobs.Queue;

namespace ModelOps.Storage.Inference;

/// <summary>
/// <see cref="IInferenceQueue"/> on Queue storage: <c>modelops-inference</c> and <c>modelops-inference-poison</c>. Sends
/// base64 text (the Functions trigger's default encoding); receives the text as stored and decodes it here, so a message
/// that is not base64 is handed over flagged instead of failing the whole receive.
/// </summary>
public sealed class QueueInferenceQueue : IInferenceQueue
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly StorageAccount _account;
    private readonly QueueClient _queue;
    private readonly QueueClient _raw;
    private readonly QueueClient _poison;
    private readonly QueueClient _rawPoison;

    public QueueInferenceQueue(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        _account = account;
        _queue = account.Queues.GetQueueClient(account.Names.InferenceQueue);
        _raw = account.RawQueues.GetQueueClient(account.Names.InferenceQueue);
        _poison = account.Queues.GetQueueClient(account.Names.InferencePoisonQueue);
        _rawPoison = account.RawQueues.GetQueueClient(account.Names.InferencePoisonQueue);
    }

    public async Task SendAsync(string messageText, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _queue.SendMessageAsync(BinaryData.FromString(messageText), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var response = await _raw.ReceiveMessagesAsync(maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        var messages = new ReceivedMessage[response.Value.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            var message = response.Value[i];
            var raw = message.Body.ToString();
            messages[i] = new ReceivedMessage(message.MessageId, message.PopReceipt, message.DequeueCount, raw, Decode(raw));
        }

        return messages;
    }

    public async Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _raw.DeleteMessageAsync(message.Id, message.Receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Gone already, or its receipt expired and another receiver has it: nothing of ours to delete.
        }
    }

    public async Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _raw.UpdateMessageAsync(message.Id, message.Receipt, (BinaryData?)null, delay, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Its receipt expired (it is visible again already) or it is gone.
        }
    }

    public async Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _rawPoison.SendMessageAsync(BinaryData.FromString(message.RawText), cancellationToken: cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendToPoisonAsync(string messageText, CancellationToken cancellationToken = default)
    {
        await _account.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _poison.SendMessageAsync(BinaryData.FromString(messageText), cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The message text from its base64 form; null when it is not base64 of UTF-8.</summary>
    private static string? Decode(string raw)
    {
        var bytes = new byte[raw.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(raw, bytes, out var written))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
