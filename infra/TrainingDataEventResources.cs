using ModelOps.Provisioning.Planning;
using Pulumi;
using EventGrid = Pulumi.AzureNative.EventGrid;
using Resources = Pulumi.AzureNative.Resources;
using Web = Pulumi.AzureNative.Web;

namespace ModelOps.Infra;

/// <summary>
/// The storage account's Event Grid system topic and, once enabled, the subscription that delivers blob-created events under
/// training-data/ to the blob trigger's webhook (<c>/runtime/webhooks/blobs</c>, authorized by the <c>blobs_extension</c>
/// system key, which exists only after the Functions app is published).
/// </summary>
internal static class TrainingDataEventResources
{
    public static void Declare(DeploymentPlan plan, Resources.ResourceGroup group, StorageResources storage, FunctionAppResources functions)
    {
        var events = plan.TrainingDataEvents;
        var topic = new EventGrid.SystemTopic("storage-events", new EventGrid.SystemTopicArgs
        {
            SystemTopicName = events.SystemTopicName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Source = storage.Account.Id,
            TopicType = events.TopicType,
            Tags = ModelOpsStack.Tags(plan),
        });

        if (events.Subscription is not { } subscription)
        {
            return;
        }

        var systemKey = Web.ListWebAppHostKeys.Invoke(new Web.ListWebAppHostKeysInvokeArgs
        {
            Name = functions.App.Name,
            ResourceGroupName = group.Name,
        }).Apply(keys => keys.SystemKeys is { } system && system.TryGetValue(subscription.SystemKeyName, out var key)
            ? key
            : throw new InvalidOperationException(
                $"The Functions app has no '{subscription.SystemKeyName}' system key yet: publish the app (with its Event Grid blob trigger) before setting modelops:trainingDataEvents to true."));
        var endpoint = Output.Tuple(functions.App.DefaultHostName, systemKey).Apply(t => subscription.WebhookUrl(t.Item1, t.Item2));

        _ = new EventGrid.SystemTopicEventSubscription("training-data-created", new EventGrid.SystemTopicEventSubscriptionArgs
        {
            EventSubscriptionName = subscription.Name,
            SystemTopicName = topic.Name,
            ResourceGroupName = group.Name,
            Destination = new EventGrid.Inputs.WebHookEventSubscriptionDestinationArgs
            {
                EndpointType = subscription.EndpointType,
                EndpointUrl = Output.CreateSecret(endpoint),
            },
            Filter = new EventGrid.Inputs.EventSubscriptionFilterArgs
            {
                IncludedEventTypes = subscription.IncludedEventTypes.ToList(),
                SubjectBeginsWith = subscription.SubjectBeginsWith,
            },
        });
    }
}
