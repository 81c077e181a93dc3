using ModelOps.Provisioning.Planning;
using Pulumi;
using Resources = Pulumi.AzureNative.Resources;

namespace ModelOps.Infra;

/// <summary>Declares one stack's resources from its <see cref="DeploymentPlan"/>, in dependency order, and returns the stack outputs.</summary>
internal static class ModelOpsStack
{
    public static Dictionary<string, object?> Declare(DeploymentPlan plan, string tenantId, StackKeys keys)
    {
        var group = new Resources.ResourceGroup("resource-group", new Resources.ResourceGroupArgs
        {
            ResourceGroupName = plan.Names.ResourceGroup,
            Location = plan.Location,
            Tags = Tags(plan),
        });

        var storage = StorageResources.Declare(plan, group);
        var monitoring = MonitoringResources.Declare(plan, group);
        var access = AccessResources.Declare(plan, group, tenantId, keys, storage, monitoring);
        var values = new DeployedValues()
            .Add(DeployedValue.IdentityClientId, access.Identity.ClientId)
            .Add(DeployedValue.ApplicationInsightsConnectionString, monitoring.ApplicationInsights.ConnectionString);
        var containers = ContainerAppResources.Declare(plan, group, monitoring, access, values);
        values.Add(DeployedValue.ServingAppUrl, containers.ServingAppUrl);
        var functions = FunctionAppResources.Declare(plan, group, storage, access, values);
        TrainingDataEventResources.Declare(plan, group, storage, functions);

        return new Dictionary<string, object?>
        {
            ["resourceGroup"] = group.Name,
            ["storageAccount"] = storage.Account.Name,
            ["functionAppName"] = functions.App.Name,
            ["functionAppUrl"] = Output.Format($"https://{functions.App.DefaultHostName}"),
            ["servingAppName"] = plan.Serving.Name,
            ["servingAppUrl"] = containers.ServingAppUrl,
            ["trainerJobName"] = plan.Trainer.Name,
            ["containerRegistry"] = access.Registry.LoginServer,
            ["identityClientId"] = access.Identity.ClientId,
            ["keyVaultName"] = plan.KeyVault.Name,
            ["adminKeySecretUri"] = plan.KeyVault.AdminKey.Uri,
            ["apiKeySecretUri"] = plan.KeyVault.ApiKey.Uri,
            ["applicationInsights"] = plan.Monitoring.ApplicationInsightsName,
            ["trainingDataEvents"] = plan.TrainingDataEvents.Subscription is null ? "off" : "on",
        };
    }

    public static InputMap<string> Tags(DeploymentPlan plan) => new Dictionary<string, string>(plan.Tags);
}
