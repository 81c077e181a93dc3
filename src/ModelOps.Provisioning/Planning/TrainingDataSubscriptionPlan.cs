namespace ModelOps.Provisioning.Planning;

/// <summary>The Event Grid subscription on the storage system topic that wakes the <c>training-data</c> blob trigger.</summary>
public sealed record TrainingDataSubscriptionPlan
{
    public required string Name { get; init; }
    public string EndpointType { get; init; } = "WebHook";
    public IReadOnlyList<string> IncludedEventTypes { get; init; } = ["Microsoft.Storage.BlobCreated"];
    public required string SubjectBeginsWith { get; init; }

    /// <summary>The blob-trigger function's name (<c>[Function("training-data")]</c>).</summary>
    public required string FunctionName { get; init; }

    /// <summary>The host system key that authorizes the webhook.</summary>
    public string SystemKeyName { get; init; } = "blobs_extension";

    /// <summary>Path and query of the webhook on the app's default host name, without the <c>code</c> parameter.</summary>
    public string WebhookPathAndQuery => "/runtime/webhooks/blobs?functionName=Host.Functions." + FunctionName;

    /// <summary>The full webhook URL for that host name and key.</summary>
    public string WebhookUrl(string defaultHostName, string systemKey) =>
        "https://" + defaultHostName + WebhookPathAndQuery + "&code=" + Uri.EscapeDataString(systemKey);
}
