using System.Security.Cryptography;
using System.Text;
using ModelOps.Provisioning.Access;
using ModelOps.Provisioning.Configuration;
using ModelOps.Provisioning.Naming;

namespace ModelOps.Provisioning.Planning;

/// <summary>Turns a validated <see cref="StackConfig"/> into the <see cref="DeploymentPlan"/> of that stack.</summary>
public static class DeploymentPlanner
{
    /// <summary>The host setting that selects serving-only mode (no triggers, no workflows) in the GPU container app.</summary>
    public const string ServingModeSetting = "ModelOps__Mode";

    /// <summary>The value of <see cref="ServingModeSetting"/> in the GPU container app.</summary>
    public const string ServingModeValue = "Serving";

    /// <summary>The Functions app setting that tells it where to forward inference of models served on GPU.</summary>
    public const string GpuServingUrlSetting = "ModelOps__GpuServing__BaseUrl";

    /// <summary>The contract's blob containers (DESIGN.md, storage layout).</summary>
    public static IReadOnlyList<string> DataContainers { get; } =
        ["models", "training-data", "reports", "baselines", "captures", "inference-results", "batch-input", "batch-output"];

    /// <summary>The container Flex Consumption deploys the app package from.</summary>
    public const string DeploymentContainer = "app-package";

    /// <summary>Queue inference and its poison queue.</summary>
    public static IReadOnlyList<string> Queues { get; } = ["modelops-inference", "modelops-inference-poison"];

    /// <summary>
    /// The tables the app's stores use on Azure: registry, retraining configurations, blob receipts, the run index, step
    /// executions, role
    /// assignments, the audit trail, and monitoring's settings, reports, alerts and feedback.
    /// </summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "modelopsregistry", "modelopsretraining", "modelopsblobreceipts", "modelopsruns", "modelopsattempts", "modelopsaccess", "modelopsaudit",
        "modelopsmonitoring", "modelopsmonitoringreports", "modelopsalerts", "modelopsfeedback",
    ];

    /// <summary>The blob-trigger function that starts retraining.</summary>
    public const string TrainingDataFunction = "training-data";

    public static DeploymentPlan Create(StackConfig config, string subscriptionId)
    {
        if (!Guid.TryParse(subscriptionId, out _))
        {
            throw new ArgumentException($"'{subscriptionId}' is not a subscription id (a GUID).", nameof(subscriptionId));
        }

        var names = ResourceNames.Create(config.NamePrefix, config.StackName, subscriptionId);
        var storage = new StoragePlan
        {
            AccountName = names.StorageAccount,
            SkuName = config.StorageSku,
            Containers = [.. DataContainers, DeploymentContainer],
            DeploymentContainer = DeploymentContainer,
            Queues = Queues,
            Tables = Tables,
        };
        var vaultUri = $"https://{names.KeyVault}.vault.azure.net";
        var keyVault = new KeyVaultPlan
        {
            Name = names.KeyVault,
            EnablePurgeProtection = config.KeyVaultPurgeProtection,
            AdminKey = new("modelops-admin-key", StackConfigKeys.AdminKey.QualifiedName, vaultUri + "/secrets/modelops-admin-key"),
            ApiKey = new("modelops-api-key", StackConfigKeys.ApiKey.QualifiedName, vaultUri + "/secrets/modelops-api-key"),
        };
        var gpu = config.GpuProfile;
        var containerSecrets = new ContainerSecretPlan[] { new("admin-key", keyVault.AdminKey.Uri), new("api-key", keyVault.ApiKey.Uri) };

        return new DeploymentPlan
        {
            StackName = config.StackName,
            Location = config.Location,
            SubscriptionId = subscriptionId,
            Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["app"] = "modelops", ["stack"] = config.StackName },
            Names = names,
            Storage = storage,
            Monitoring = new MonitoringPlan
            {
                WorkspaceName = names.LogAnalyticsWorkspace,
                RetentionDays = config.LogRetentionDays,
                ApplicationInsightsName = names.ApplicationInsights,
            },
            KeyVault = keyVault,
            Registry = new RegistryPlan { Name = names.ContainerRegistry },
            FunctionApp = new FunctionAppPlan
            {
                PlanName = names.FunctionsPlan,
                AppName = names.FunctionApp,
                MaximumInstanceCount = config.FunctionsMaximumInstances,
                InstanceMemoryMB = config.FunctionsInstanceMemoryMB,
                DeploymentStorageUrl = storage.BlobEndpoint + "/" + DeploymentContainer,
                AppSettings =
                [
                    .. StorageIdentitySettings(storage),
                    .. TelemetrySettings(),
                    new("ModelOps__AdminKey", SettingValue.Of(keyVault.AdminKey.AppSettingReference)),
                    new("ModelOps__ApiKey", SettingValue.Of(keyVault.ApiKey.AppSettingReference)),
                    new(GpuServingUrlSetting, SettingValue.Of(DeployedValue.ServingAppUrl)),
                ],
            },
            ContainerApps = new ContainerAppsPlan
            {
                EnvironmentName = names.ContainerAppsEnvironment,
                WorkloadProfiles = [new("Consumption", "Consumption"), new(gpu.ProfileName, gpu.WorkloadProfileType)],
            },
            Serving = new ServingAppPlan
            {
                Name = names.ServingApp,
                WorkloadProfileName = gpu.ProfileName,
                Image = config.ServingImage,
                Cpu = gpu.Cpu,
                Memory = gpu.Memory,
                MinReplicas = config.ServingMinReplicas,
                MaxReplicas = config.ServingMaxReplicas,
                ConcurrentRequests = config.ServingConcurrentRequests,
                Secrets = containerSecrets,
                Environment =
                [
                    new(ServingModeSetting, SettingValue.Of(ServingModeValue)),
                    new("ASPNETCORE_URLS", SettingValue.Of("http://+:8080")),
                    .. StorageIdentitySettings(storage),
                    .. TelemetrySettings(),
                    new("ModelOps__AdminKey", SettingValue.Secret("admin-key")),
                    new("ModelOps__ApiKey", SettingValue.Secret("api-key")),
                ],
            },
            Trainer = new TrainerJobPlan
            {
                Name = names.TrainerJob,
                WorkloadProfileName = gpu.ProfileName,
                Image = config.TrainerImage,
                Cpu = gpu.Cpu,
                Memory = gpu.Memory,
                Parallelism = config.TrainerParallelism,
                ReplicaCompletionCount = config.TrainerParallelism,
                ReplicaTimeoutSeconds = config.TrainerTimeoutMinutes * 60,
                Environment = [.. StorageIdentitySettings(storage), .. TelemetrySettings()],
            },
            RoleAssignments =
            [
                Assign(subscriptionId, names, BuiltInRole.StorageBlobDataOwner, RoleScope.StorageAccount,
                    "model artifacts, captures, reports and the Functions deployment package"),
                Assign(subscriptionId, names, BuiltInRole.StorageQueueDataContributor, RoleScope.StorageAccount,
                    "queue inference and the Durable Task queues"),
                Assign(subscriptionId, names, BuiltInRole.StorageTableDataContributor, RoleScope.StorageAccount,
                    "registry tables and the Durable Task history"),
                Assign(subscriptionId, names, BuiltInRole.MonitoringMetricsPublisher, RoleScope.ApplicationInsights,
                    "telemetry to Application Insights, which accepts Entra ID authentication only"),
                Assign(subscriptionId, names, BuiltInRole.KeyVaultSecretsUser, RoleScope.KeyVault,
                    "Key Vault references of the app settings and container secrets"),
                Assign(subscriptionId, names, BuiltInRole.AcrPull, RoleScope.ContainerRegistry,
                    "pulling the serving and trainer images"),
            ],
            TrainingDataEvents = new TrainingDataEventsPlan
            {
                SystemTopicName = names.StorageSystemTopic,
                Subscription = config.TrainingDataEvents
                    ? new TrainingDataSubscriptionPlan
                    {
                        Name = names.TrainingDataSubscription,
                        SubjectBeginsWith = "/blobServices/default/containers/training-data/",
                        FunctionName = TrainingDataFunction,
                    }
                    : null,
            },
        };
    }

    /// <summary>
    /// Identity-based storage connection settings as the Functions runtime reads <c>AzureWebJobsStorage</c>, for the user-assigned
    /// identity; the host reads the same names. <c>AZURE_CLIENT_ID</c> points <c>DefaultAzureCredential</c> at that identity.
    /// </summary>
    private static AppSetting[] StorageIdentitySettings(StoragePlan storage) =>
    [
        new("AzureWebJobsStorage__blobServiceUri", SettingValue.Of(storage.BlobEndpoint)),
        new("AzureWebJobsStorage__queueServiceUri", SettingValue.Of(storage.QueueEndpoint)),
        new("AzureWebJobsStorage__tableServiceUri", SettingValue.Of(storage.TableEndpoint)),
        new("AzureWebJobsStorage__credential", SettingValue.Of("managedidentity")),
        new("AzureWebJobsStorage__clientId", SettingValue.Of(DeployedValue.IdentityClientId)),
        new("AZURE_CLIENT_ID", SettingValue.Of(DeployedValue.IdentityClientId)),
    ];

    /// <summary>Application Insights with Entra ID authentication through the user-assigned identity.</summary>
    private static AppSetting[] TelemetrySettings() =>
    [
        new("APPLICATIONINSIGHTS_CONNECTION_STRING", SettingValue.Of(DeployedValue.ApplicationInsightsConnectionString)),
        new("APPLICATIONINSIGHTS_AUTHENTICATION_STRING", SettingValue.Of(DeployedValue.IdentityClientId, "ClientId=", ";Authorization=AAD")),
    ];

    private static RoleAssignmentPlan Assign(string subscriptionId, ResourceNames names, BuiltInRole role, RoleScope scope, string why)
    {
        var scopeName = scope switch
        {
            RoleScope.StorageAccount => names.StorageAccount,
            RoleScope.ApplicationInsights => names.ApplicationInsights,
            RoleScope.KeyVault => names.KeyVault,
            RoleScope.ContainerRegistry => names.ContainerRegistry,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
        };
        var seed = string.Join('/', subscriptionId.ToLowerInvariant(), names.ResourceGroup, scope, scopeName, role.Id, names.Identity);
        var name = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16)).ToString();
        return new RoleAssignmentPlan(name, role, scope, role.DefinitionResourceId(subscriptionId), why);
    }
}
