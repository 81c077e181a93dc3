using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ModelOps.Storage.Queues;

/// <summary><see cref="IWorkQueue"/> on Queue storage (Azure or Azurite).</summary>
public sealed class QueueWorkQueue(QueueServiceClient client, ILogger<QueueWorkQueue>? logger = null) : IWorkQueue
{
    private readonly ILogger _logger = logger ?? NullLogger<QueueWorkQueue>.Instance;

    public Task EnsureQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        client.CreateQueueAsync(queue, cancellationToken);

    public Task EnqueueAsync(string queue, string message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default) =>
        client.PutMessageAsync(queue, message, visibilityDelay ?? TimeSpan.Zero, cancellationToken);

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        string queue,
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        if (visibilityTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(visibilityTimeout), visibilityTimeout, "A received message stays hidden for at least 1 second.");
        }

        var messages = await client.GetMessagesAsync(queue, maxMessages, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        Log.MessagesReceived(_logger, messages.Count, queue);
        return messages;
    }

    /// <summary>
    /// See <see cref="IWorkQueue.UpdateAsync"/>. A pop receipt that is no longer current (the message came back and went to
    /// another receiver) is a <see cref="StorageConflict.LeaseMismatch"/>; a deleted message <see cref="StorageConflict.NotFound"/>.
    /// </summary>
    public async Task<string> UpdateAsync(
        string queue,
        QueueMessage message,
        TimeSpan visibilityTimeout,
        string? newContent = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (popReceipt, _) = await client.UpdateMessageAsync(
            queue, message.MessageId, message.PopReceipt, visibilityTimeout, newContent, cancellationToken).ConfigureAwait(false);
        return popReceipt;
    }

    /// <summary>See <see cref="IWorkQueue.DeleteAsync"/>; conflicts as for <see cref="UpdateAsync"/>.</summary>
    public Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return client.DeleteMessageAsync(queue, message.MessageId, message.PopReceipt, cancellationToken);
    }

    public Task<int> GetApproximateCountAsync(string queue, CancellationToken cancellationToken = default) =>
        client.GetApproximateMessageCountAsync(queue, cancellationToken);
}
