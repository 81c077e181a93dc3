using ModelOps.Provisioning.Configuration;
using ModelOps.Provisioning.Planning;
using ModelOps.Provisioning.Tests.Configuration;
using ModelOps.Provisioning.Tests.ProviderCheck;

namespace ModelOps.Provisioning.Tests.Planning;

/// <summary>The plan's string values where the provider publishes the allowed set (its enums) are values the provider knows.</summary>
[Collection(ProviderCollection.Name)]
public sealed class ProviderValuesTests(ProviderFixture provider)
{
    private static readonly DeploymentPlan Plan = DeploymentPlanner.Create(
        new StackConfigBuilder().With("trainingDataEvents", "true").Parse(), "0b1f6471-1bf0-4dda-aec3-cb9272f09590");

    public static TheoryData<string, string, string> Values()
    {
        var data = new TheoryData<string, string, string>
        {
            { "storage", "Kind", Plan.Storage.Kind },
            { "storage", "MinimumTlsVersion", Plan.Storage.MinimumTlsVersion },
            { "operationalinsights", "WorkspaceSkuNameEnum", Plan.Monitoring.WorkspaceSku },
            { "applicationinsights", "ApplicationType", Plan.Monitoring.ApplicationType },
            { "keyvault", "SkuName", Plan.KeyVault.SkuName },
            { "keyvault", "SkuFamily", Plan.KeyVault.SkuFamily },
            { "containerregistry", "SkuName", Plan.Registry.SkuName },
            { "web", "RuntimeName", Plan.FunctionApp.RuntimeName },
            { "web", "FunctionsDeploymentStorageType", Plan.FunctionApp.DeploymentStorageType },
            { "web", "AuthenticationType", Plan.FunctionApp.DeploymentAuthenticationType },
            { "web", "SupportedTlsVersions", Plan.FunctionApp.MinTlsVersion },
            { "app", "ActiveRevisionsMode", Plan.Serving.ActiveRevisionsMode },
            { "app", "TriggerType", Plan.Trainer.TriggerType },
            { "authorization", "PrincipalType", "ServicePrincipal" },
        };
        foreach (var sku in StackConfig.StorageSkus)
        {
            data.Add("storage", "SkuName", sku);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void PlanValue_IsAValueOfTheProvidersEnum(string module, string enumName, string value)
    {
        var members = provider.Schema.Module(module).Enums[enumName];

        Assert.Contains(value, members.Values);
    }
}
