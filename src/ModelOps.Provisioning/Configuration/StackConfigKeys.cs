namespace ModelOps.Provisioning.Configuration;

/// <summary>Every stack config key the plan reads, with its default and meaning (infra/README.md documents the same list).</summary>
public static class StackConfigKeys
{
    /// <summary>The Pulumi config namespace: keys are set as <c>modelops:key</c>.</summary>
    public const string Namespace = "modelops";

    public static readonly ConfigKey Location = new("location", null,
        "Azure region of every resource, e.g. swedencentral. Serverless GPU profiles exist only in some regions.");
    public static readonly ConfigKey NamePrefix = new("namePrefix", "modelops",
        "Start of every resource name: 2-10 lowercase letters or digits, starting with a letter.");
    public static readonly ConfigKey StorageSku = new("storageSku", "Standard_LRS",
        "Redundancy of the storage account: Standard_LRS, Standard_ZRS, Standard_GRS, Standard_RAGRS, Standard_GZRS or Standard_RAGZRS.");
    public static readonly ConfigKey LogRetentionDays = new("logRetentionDays", "30",
        "Days the Log Analytics workspace (and so Application Insights) keeps data: 30-730.");
    public static readonly ConfigKey FunctionsMaximumInstances = new("functionsMaximumInstances", "100",
        "Most instances the Flex Consumption Functions app scales out to: 40-1000.");
    public static readonly ConfigKey FunctionsInstanceMemoryMB = new("functionsInstanceMemoryMB", "2048",
        "Memory of one Functions instance in MB: 512, 2048 or 4096.");
    public static readonly ConfigKey GpuProfile = new("gpuProfile", "Consumption-GPU-NC8as-T4",
        "Serverless GPU workload profile of the Container Apps environment: Consumption-GPU-NC8as-T4 or Consumption-GPU-NC24-A100. Changing it replaces the environment.");
    public static readonly ConfigKey ServingImage = new("servingImage", "mcr.microsoft.com/k8se/quickstart:latest",
        "Image of the GPU serving container app (the host in serving mode). The default is a public placeholder until the ModelOps image is pushed.");
    public static readonly ConfigKey ServingMinReplicas = new("servingMinReplicas", "0",
        "Fewest replicas of the GPU serving app: 0 scales to zero when idle.");
    public static readonly ConfigKey ServingMaxReplicas = new("servingMaxReplicas", "1",
        "Most replicas of the GPU serving app: 1-1000, not below servingMinReplicas; bounded by the subscription's GPU quota.");
    public static readonly ConfigKey ServingConcurrentRequests = new("servingConcurrentRequests", "10",
        "Concurrent HTTP requests per replica before the GPU serving app scales out: 1-1000.");
    public static readonly ConfigKey TrainerImage = new("trainerImage", "mcr.microsoft.com/k8se/quickstart:latest",
        "Image of the GPU trainer container app job. The default is a public placeholder until a trainer image is pushed.");
    public static readonly ConfigKey TrainerParallelism = new("trainerParallelism", "1",
        "Replicas one trainer job execution runs: 1-100.");
    public static readonly ConfigKey TrainerTimeoutMinutes = new("trainerTimeoutMinutes", "120",
        "Minutes one trainer replica may run before it is stopped: 1-1440.");
    public static readonly ConfigKey KeyVaultPurgeProtection = new("keyVaultPurgeProtection", "false",
        "true keeps deleted secrets and the vault recoverable for the retention period and forbids purging (cannot be turned off again).");
    public static readonly ConfigKey TrainingDataEvents = new("trainingDataEvents", "false",
        "true subscribes the Functions app's training-data blob trigger to Event Grid. Set it after the Functions app is published: the subscription needs the app's blobs_extension key and a live webhook.");
    public static readonly ConfigKey AdminKey = new("adminKey", null,
        "Key for management routes (secret: pulumi config set --secret). Stored in Key Vault as modelops-admin-key.", IsSecret: true);
    public static readonly ConfigKey ApiKey = new("apiKey", null,
        "Key for inference routes (secret: pulumi config set --secret). Stored in Key Vault as modelops-api-key.", IsSecret: true);

    /// <summary>Every key, in the order the README lists them.</summary>
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        Location, NamePrefix, StorageSku, LogRetentionDays, FunctionsMaximumInstances, FunctionsInstanceMemoryMB,
        GpuProfile, ServingImage, ServingMinReplicas, ServingMaxReplicas, ServingConcurrentRequests,
        TrainerImage, TrainerParallelism, TrainerTimeoutMinutes, KeyVaultPurgeProtection, TrainingDataEvents,
        AdminKey, ApiKey,
    ];
}
