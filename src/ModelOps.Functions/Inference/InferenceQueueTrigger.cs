using Microsoft.Azure.Functions.Worker;
using ModelOps.Inference.Jobs.Queue;

namespace ModelOps.Functions.Inference;

/// <summary>
/// Queue inference on Azure: a message on <c>modelops-inference</c> (base64, as host.json's queue extension decodes by
/// default) is handed to <see cref="QueueInferenceService"/>, the service the local host's listener calls. A bad request
/// gets its Failed result and returns; an exception leaves the message to the queue extension, which retries it and
/// moves it to <c>modelops-inference-poison</c> after host.json's <c>maxDequeueCount</c>.
/// </summary>
public sealed class InferenceQueueTrigger(QueueInferenceService service)
{
    /// <summary>The function's name.</summary>
    public const string Name = "inference-queue";

    /// <summary>The queue, as deployed (unprefixed).</summary>
    public const string QueueName = "modelops-inference";

    [Function(Name)]
    public Task RunAsync([QueueTrigger(QueueName)] string message, CancellationToken cancellationToken) =>
        service.HandleAsync(message, cancellationToken);
}
