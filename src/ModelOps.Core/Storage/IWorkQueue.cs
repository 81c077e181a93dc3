namespace ModelOps.Storage;

/// <summary>
/// The port to queue storage: at-least-once messages that come back after their visibility timeout unless deleted.
/// </summary>
public interface IWorkQueue
{
    Task EnsureQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Adds a message, visible after <paramref name="visibilityDelay"/> (default: at once).</summary>
    Task EnqueueAsync(string queue, string message, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxMessages"/> (1–32) messages, hidden from others for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(
        string queue,
        int maxMessages,
        TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>Extends (or shortens) a received message's invisibility, optionally replacing its text. Returns the new pop receipt.</summary>
    Task<string> UpdateAsync(
        string queue,
        QueueMessage message,
        TimeSpan visibilityTimeout,
        string? newContent = null,
        CancellationToken cancellationToken = default);

    /// <summary>Removes a received message for good.</summary>
    Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>The approximate number of messages in the queue.</summary>
    Task<int> GetApproximateCountAsync(string queue, CancellationToken cancellationToken = default);
}
