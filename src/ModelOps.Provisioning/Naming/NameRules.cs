namespace ModelOps.Provisioning.Naming;

/// <summary>The naming rules of the Azure resource types ModelOps deploys (Azure's published resource-name restrictions).</summary>
public static class NameRules
{
    public static readonly NameRule ResourceGroup = new("Resource group", 1, 90, "-_.()");
    public static readonly NameRule StorageAccount = new("Storage account", 3, 24, LowercaseOnly: true, GloballyUnique: true);
    public static readonly NameRule LogAnalyticsWorkspace = new("Log Analytics workspace", 4, 63, "-", StartsAndEndsAlphanumeric: true);
    public static readonly NameRule ApplicationInsights = new("Application Insights", 1, 255, "-_.()");
    public static readonly NameRule UserAssignedIdentity = new("User-assigned identity", 3, 128, "-_", StartsAndEndsAlphanumeric: true);
    public static readonly NameRule KeyVault = new("Key Vault", 3, 24, "-", StartsWithLetter: true, StartsAndEndsAlphanumeric: true, NoConsecutiveHyphens: true, GloballyUnique: true);
    public static readonly NameRule ContainerRegistry = new("Container registry", 5, 50, GloballyUnique: true);
    public static readonly NameRule AppServicePlan = new("App Service plan", 1, 60, "-");
    public static readonly NameRule FunctionApp = new("Function app", 2, 60, "-", StartsAndEndsAlphanumeric: true, GloballyUnique: true);
    public static readonly NameRule ContainerAppsEnvironment = new("Container Apps environment", 2, 60, "-", LowercaseOnly: true, StartsWithLetter: true, StartsAndEndsAlphanumeric: true);
    public static readonly NameRule ContainerApp = new("Container app", 2, 32, "-", LowercaseOnly: true, StartsWithLetter: true, StartsAndEndsAlphanumeric: true, NoConsecutiveHyphens: true);
    public static readonly NameRule ContainerAppJob = new("Container app job", 2, 32, "-", LowercaseOnly: true, StartsWithLetter: true, StartsAndEndsAlphanumeric: true, NoConsecutiveHyphens: true);
    public static readonly NameRule EventGridSystemTopic = new("Event Grid system topic", 3, 128, "-", StartsAndEndsAlphanumeric: true);
    public static readonly NameRule EventGridSubscription = new("Event Grid subscription", 3, 64, "-", StartsAndEndsAlphanumeric: true);
}
