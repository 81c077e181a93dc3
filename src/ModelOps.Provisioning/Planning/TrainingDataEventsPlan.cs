namespace ModelOps.Provisioning.Planning;

/// <summary>
/// Event Grid delivery of blob-created events under <c>training-data/</c> to the Functions app's blob trigger
/// (<c>Source = EventGrid</c>, the only blob trigger source Flex Consumption runs). The trigger's endpoint is the
/// Functions host's <c>/runtime/webhooks/blobs</c> webhook, authorized by the host's <c>blobs_extension</c> system key.
/// </summary>
public sealed record TrainingDataEventsPlan
{
    public required string SystemTopicName { get; init; }
    public string TopicType { get; init; } = "Microsoft.Storage.StorageAccounts";

    /// <summary>The subscription, or null until <c>modelops:trainingDataEvents</c> is true (it needs the published app's key).</summary>
    public required TrainingDataSubscriptionPlan? Subscription { get; init; }
}
