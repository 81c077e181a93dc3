namespace ModelOps.Inference.Jobs.Queue;

/// <summary>A message taken from the inference queue, hidden from other receivers until deleted or released.</summary>
/// <param name="Id">The queue's id of the message.</param>
/// <param name="Receipt">The token that deletes or releases this delivery.</param>
/// <param name="DequeueCount">How many times the message has been delivered, this time included.</param>
/// <param name="RawText">The text as stored in the queue (base64 when well formed).</param>
/// <param name="Text">The decoded message (UTF-8 from base64); null when <see cref="RawText"/> is not base64 of UTF-8.</param>
public sealed record ReceivedMessage(string Id, string Receipt, long DequeueCount, string RawText, string? Text);
