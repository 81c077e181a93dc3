using ModelOps.Infra;
using ModelOps.Provisioning.Configuration;
using ModelOps.Provisioning.Planning;
using Pulumi;
using Authorization = Pulumi.AzureNative.Authorization;

// Config is validated before anything is declared: a refused stack names every key at fault and creates nothing.
return await Deployment.RunAsync(async () =>
{
    var config = new Config(StackConfigKeys.Namespace);
    var stackConfig = StackConfig.Parse(
        Deployment.Instance.StackName,
        key => key.IsSecret ? (config.GetSecret(key.Name) is null ? null : "set") : config.Get(key.Name));
    var client = await Authorization.GetClientConfig.InvokeAsync().ConfigureAwait(false);
    var plan = DeploymentPlanner.Create(stackConfig, client.SubscriptionId);
    var keys = new StackKeys(config.RequireSecret(StackConfigKeys.AdminKey.Name), config.RequireSecret(StackConfigKeys.ApiKey.Name));
    return ModelOpsStack.Declare(plan, client.TenantId, keys);
}).ConfigureAwait(false);
