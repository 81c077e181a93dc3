namespace ModelOps.Storage;

/// <summary>A received queue message. <see cref="DequeueCount"/> counts deliveries, this one included.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Content,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset NextVisibleOn);
