namespace ModelOps.Provisioning.Planning;

/// <summary>
/// The Functions app on the Flex Consumption plan. On Flex the runtime is declared in <c>functionAppConfig.runtime</c>,
/// not in app settings (<c>FUNCTIONS_WORKER_RUNTIME</c> and <c>FUNCTIONS_EXTENSION_VERSION</c> are refused there), and
/// the package is deployed from a blob container read through the managed identity.
/// </summary>
public sealed record FunctionAppPlan
{
    public required string PlanName { get; init; }
    public string PlanKind { get; init; } = "functionapp";
    public string PlanSkuName { get; init; } = "FC1";
    public string PlanSkuTier { get; init; } = "FlexConsumption";
    public required string AppName { get; init; }
    public string AppKind { get; init; } = "functionapp,linux";
    public string RuntimeName { get; init; } = "dotnet-isolated";
    public string RuntimeVersion { get; init; } = "10.0";
    public required int MaximumInstanceCount { get; init; }
    public required int InstanceMemoryMB { get; init; }
    public string DeploymentStorageType { get; init; } = "blobContainer";
    public required string DeploymentStorageUrl { get; init; }
    public string DeploymentAuthenticationType { get; init; } = "UserAssignedIdentity";
    public bool HttpsOnly { get; init; } = true;
    public string MinTlsVersion { get; init; } = "1.2";
    public required IReadOnlyList<AppSetting> AppSettings { get; init; }
}
