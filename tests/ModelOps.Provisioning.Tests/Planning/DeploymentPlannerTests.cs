using ModelOps.Provisioning.Access;
using ModelOps.Provisioning.Planning;
using ModelOps.Provisioning.Tests.Configuration;

namespace ModelOps.Provisioning.Tests.Planning;

public sealed class DeploymentPlannerTests
{
    private const string Subscription = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    [Fact]
    public void Create_Storage_IdentityOnlyWithTheContractsContainersQueuesAndTables()
    {
        var storage = Plan().Storage;

        Assert.False(storage.AllowSharedKeyAccess);
        Assert.False(storage.AllowBlobPublicAccess);
        Assert.Equal("TLS1_2", storage.MinimumTlsVersion);
        Assert.Equal(
            ["models", "training-data", "reports", "baselines", "captures", "inference-results", "batch-input", "batch-output", "app-package"],
            storage.Containers);
        Assert.Equal(["modelops-inference", "modelops-inference-poison"], storage.Queues);
        Assert.Contains("modelopsregistry", storage.Tables);
        Assert.Equal($"https://{storage.AccountName}.queue.core.windows.net", storage.QueueEndpoint);
    }

    [Fact]
    public void Create_Storage_HoldsEveryContainerAndTableTheStorageAdapterUses()
    {
        // The app creates what is missing when it starts, but on Azure its identity may not be allowed to: the plan must
        // already hold every name the adapter uses unprefixed, as deployed.
        var storage = Plan().Storage;
        var names = new ModelOps.Storage.StorageNames(string.Empty);

        Assert.All(names.Containers, c => Assert.Contains(c, storage.Containers));
        Assert.All(names.Tables, t => Assert.Contains(t, storage.Tables));
    }

    [Fact]
    public void Create_Roles_StorageDataRolesOnTheAccountAndTheRestOnTheirResources()
    {
        var roles = Plan().RoleAssignments.Select(r => (r.Role.Name, r.Role.Id, r.Scope)).ToList();

        Assert.Equal(
            [
                ("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", RoleScope.StorageAccount),
                ("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", RoleScope.StorageAccount),
                ("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", RoleScope.StorageAccount),
                ("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb", RoleScope.ApplicationInsights),
                ("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6", RoleScope.KeyVault),
                ("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d", RoleScope.ContainerRegistry),
            ],
            roles);
    }

    [Fact]
    public void Create_RoleAssignmentNames_StableAcrossRunsAndDistinct()
    {
        var first = Plan().RoleAssignments;
        var again = Plan().RoleAssignments;
        var otherStack = Plan(stack: "prod").RoleAssignments;

        Assert.Equal(first.Select(r => r.Name), again.Select(r => r.Name));
        Assert.Equal(first.Count, first.Select(r => r.Name).Distinct().Count());
        Assert.Empty(first.Select(r => r.Name).Intersect(otherStack.Select(r => r.Name)));
        Assert.All(first, r => Assert.True(Guid.TryParse(r.Name, out _)));
        Assert.All(first, r => Assert.Equal($"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{r.Role.Id}", r.RoleDefinitionId));
    }

    [Fact]
    public void Create_FunctionApp_IdentityBasedStorageKeyVaultKeysAndNoSettingFlexRefuses()
    {
        var plan = Plan();
        var settings = plan.FunctionApp.AppSettings.ToDictionary(s => s.Name, s => s.Value.ToString());

        Assert.Equal(plan.Storage.BlobEndpoint, settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Equal(plan.Storage.QueueEndpoint, settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Equal(plan.Storage.TableEndpoint, settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("{IdentityClientId}", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("{ApplicationInsightsConnectionString}", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("ClientId={IdentityClientId};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{plan.KeyVault.Name}.vault.azure.net/secrets/modelops-admin-key)", settings["ModelOps__AdminKey"]);
        Assert.Equal($"@Microsoft.KeyVault(SecretUri=https://{plan.KeyVault.Name}.vault.azure.net/secrets/modelops-api-key)", settings["ModelOps__ApiKey"]);
        Assert.Equal("{ServingAppUrl}", settings[DeploymentPlanner.GpuServingUrlSetting]);
        string[] refusedOnFlex = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "AzureWebJobsStorage"];
        Assert.Empty(refusedOnFlex.Intersect(settings.Keys));
        Assert.Equal(("dotnet-isolated", "10.0"), (plan.FunctionApp.RuntimeName, plan.FunctionApp.RuntimeVersion));
        Assert.Equal(("FC1", "FlexConsumption"), (plan.FunctionApp.PlanSkuName, plan.FunctionApp.PlanSkuTier));
        Assert.Equal(plan.Storage.BlobEndpoint + "/app-package", plan.FunctionApp.DeploymentStorageUrl);
    }

    [Fact]
    public void Create_ServingApp_ServingModeOnTheGpuProfileWithKeysFromKeyVault()
    {
        var plan = Plan(c => c.With("gpuProfile", "Consumption-GPU-NC24-A100").With("servingMaxReplicas", "4"));
        var serving = plan.Serving;
        var environment = serving.Environment.ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal("Serving", environment["ModelOps__Mode"].Literal);
        Assert.Equal("admin-key", environment["ModelOps__AdminKey"].SecretName);
        Assert.Equal("api-key", environment["ModelOps__ApiKey"].SecretName);
        Assert.Equal("http://+:8080", environment["ASPNETCORE_URLS"].Literal);
        Assert.Equal(DeployedValue.IdentityClientId, environment["AzureWebJobsStorage__clientId"].Deployed);
        Assert.Equal([plan.KeyVault.AdminKey.Uri, plan.KeyVault.ApiKey.Uri], serving.Secrets.Select(s => s.KeyVaultSecretUri));
        Assert.Equal(("gpu-a100", 24.0, "220Gi"), (serving.WorkloadProfileName, serving.Cpu, serving.Memory));
        Assert.Equal((0, 4), (serving.MinReplicas, serving.MaxReplicas));
        Assert.Equal("/v2/health/ready", serving.ReadinessPath);
        Assert.Equal(
            [new WorkloadProfilePlan("Consumption", "Consumption"), new WorkloadProfilePlan("gpu-a100", "Consumption-GPU-NC24-A100")],
            plan.ContainerApps.WorkloadProfiles);
    }

    [Fact]
    public void Create_TrainerJob_ManualOnTheGpuProfileWithTimeoutInSeconds()
    {
        var trainer = Plan(c => c.With("trainerTimeoutMinutes", "90").With("trainerParallelism", "2")).Trainer;

        Assert.Equal(("Manual", "gpu-t4", 5400, 2, 2), (trainer.TriggerType, trainer.WorkloadProfileName, trainer.ReplicaTimeoutSeconds, trainer.Parallelism, trainer.ReplicaCompletionCount));
        Assert.DoesNotContain(trainer.Environment, s => s.Name.StartsWith("ModelOps__", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_TrainingDataEventsOff_TopicWithoutSubscription()
    {
        var events = Plan().TrainingDataEvents;

        Assert.Null(events.Subscription);
        Assert.Equal("Microsoft.Storage.StorageAccounts", events.TopicType);
    }

    [Fact]
    public void Create_TrainingDataEventsOn_BlobCreatedUnderTrainingDataToTheBlobTriggerWebhook()
    {
        var subscription = Plan(c => c.With("trainingDataEvents", "true")).TrainingDataEvents.Subscription;

        Assert.NotNull(subscription);
        Assert.Equal(["Microsoft.Storage.BlobCreated"], subscription.IncludedEventTypes);
        Assert.Equal("/blobServices/default/containers/training-data/", subscription.SubjectBeginsWith);
        Assert.Equal(
            "https://func-x.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.training-data&code=a%2Fb%3D%3D",
            subscription.WebhookUrl("func-x.azurewebsites.net", "a/b=="));
    }

    [Fact]
    public void Create_NotASubscriptionId_Refused()
    {
        Assert.Throws<ArgumentException>(() => DeploymentPlanner.Create(new StackConfigBuilder().Parse(), "my-subscription"));
    }

    private static DeploymentPlan Plan(Func<StackConfigBuilder, StackConfigBuilder>? configure = null, string stack = "dev")
    {
        var builder = new StackConfigBuilder { StackName = stack };
        return DeploymentPlanner.Create((configure?.Invoke(builder) ?? builder).Parse(), Subscription);
    }
}
