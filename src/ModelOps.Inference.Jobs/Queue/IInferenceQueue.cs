namespace ModelOps.Inference.Jobs.Queue;

/// <summary>
/// The port to the inference queue (<c>modelops-inference</c>) and its poison queue. Message texts are encoded as the
/// Functions queue trigger expects (base64 by default); <see cref="ReceivedMessage.Text"/> is the decoded text.
/// </summary>
public interface IInferenceQueue
{
    /// <summary>Enqueues a message (its JSON text).</summary>
    Task SendAsync(string messageText, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxMessages"/> messages, hiding each for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Removes a message that was handled.</summary>
    Task DeleteAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a message whose attempt failed visible again after <paramref name="delay"/>.</summary>
    Task ReleaseAsync(ReceivedMessage message, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Copies a message as stored to the poison queue, then removes it.</summary>
    Task MoveToPoisonAsync(ReceivedMessage message, CancellationToken cancellationToken = default);

    /// <summary>Adds a message (its decoded text) to the poison queue; for triggers that remove the original themselves.</summary>
    Task SendToPoisonAsync(string messageText, CancellationToken cancellationToken = default);
}
