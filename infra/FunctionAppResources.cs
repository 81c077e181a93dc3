using ModelOps.Provisioning.Planning;
using Pulumi;
using Resources = Pulumi.AzureNative.Resources;
using Web = Pulumi.AzureNative.Web;

namespace ModelOps.Infra;

/// <summary>The Flex Consumption plan and the Functions app on it.</summary>
internal sealed record FunctionAppResources(Web.AppServicePlan Plan, Web.WebApp App)
{
    public static FunctionAppResources Declare(
        DeploymentPlan plan, Resources.ResourceGroup group, StorageResources storage, AccessResources access, DeployedValues values)
    {
        var functions = plan.FunctionApp;
        var servicePlan = new Web.AppServicePlan("functions-plan", new Web.AppServicePlanArgs
        {
            Name = functions.PlanName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Kind = functions.PlanKind,
            Reserved = true,
            Sku = new Web.Inputs.SkuDescriptionArgs { Name = functions.PlanSkuName, Tier = functions.PlanSkuTier },
            Tags = ModelOpsStack.Tags(plan),
        });

        var app = new Web.WebApp("functions", new Web.WebAppArgs
        {
            Name = functions.AppName,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Kind = functions.AppKind,
            ServerFarmId = servicePlan.Id,
            HttpsOnly = functions.HttpsOnly,
            Identity = new Web.Inputs.ManagedServiceIdentityArgs
            {
                Type = Web.ManagedServiceIdentityType.UserAssigned,
                UserAssignedIdentities = { access.Identity.Id },
            },
            KeyVaultReferenceIdentity = access.Identity.Id,
            SiteConfig = new Web.Inputs.SiteConfigArgs
            {
                MinTlsVersion = functions.MinTlsVersion,
                AppSettings = functions.AppSettings
                    .Select(s => new Web.Inputs.NameValuePairArgs { Name = s.Name, Value = values.Resolve(s.Value) })
                    .ToList(),
            },
            FunctionAppConfig = new Web.Inputs.FunctionAppConfigArgs
            {
                Deployment = new Web.Inputs.FunctionsDeploymentArgs
                {
                    Storage = new Web.Inputs.FunctionsDeploymentStorageArgs
                    {
                        Type = functions.DeploymentStorageType,
                        Value = functions.DeploymentStorageUrl,
                        Authentication = new Web.Inputs.FunctionsDeploymentStorageAuthenticationArgs
                        {
                            Type = functions.DeploymentAuthenticationType,
                            UserAssignedIdentityResourceId = access.Identity.Id,
                        },
                    },
                },
                Runtime = new Web.Inputs.FunctionsRuntimeArgs { Name = functions.RuntimeName, Version = functions.RuntimeVersion },
                ScaleAndConcurrency = new Web.Inputs.FunctionsScaleAndConcurrencyArgs
                {
                    MaximumInstanceCount = functions.MaximumInstanceCount,
                    InstanceMemoryMB = functions.InstanceMemoryMB,
                },
            },
            Tags = ModelOpsStack.Tags(plan),
        }, new CustomResourceOptions { DependsOn = access.RoleAssignments.Append(storage.Account).ToList() });

        return new FunctionAppResources(servicePlan, app);
    }
}
