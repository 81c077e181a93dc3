namespace ModelOps.Provisioning.Access;

/// <summary>An Azure built-in role: its name and role definition id (the same GUID in every subscription).</summary>
public sealed record BuiltInRole(string Name, string Id)
{
    /// <summary>Read, write, delete blobs and containers, and set their ACLs: the registry, captures, deployment packages.</summary>
    public static BuiltInRole StorageBlobDataOwner { get; } = new("Storage Blob Data Owner", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b");

    /// <summary>Read, write, delete queues and messages: queue inference and the Durable Task work-item queues.</summary>
    public static BuiltInRole StorageQueueDataContributor { get; } = new("Storage Queue Data Contributor", "974c5e8b-45b9-4653-ba55-5f855dd0fb88");

    /// <summary>Read, write, delete tables and entities: registry entities and the task hub's history.</summary>
    public static BuiltInRole StorageTableDataContributor { get; } = new("Storage Table Data Contributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3");

    /// <summary>Send telemetry to an Application Insights resource that accepts Entra ID authentication only.</summary>
    public static BuiltInRole MonitoringMetricsPublisher { get; } = new("Monitoring Metrics Publisher", "3913510d-42f4-4e42-8a64-420c390055eb");

    /// <summary>Read secret values: the Key Vault references of the app settings and container secrets.</summary>
    public static BuiltInRole KeyVaultSecretsUser { get; } = new("Key Vault Secrets User", "4633458b-17de-408a-b874-0445c86b69e6");

    /// <summary>Pull images from the registry.</summary>
    public static BuiltInRole AcrPull { get; } = new("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d");

    /// <summary>The role definition's resource id in <paramref name="subscriptionId"/>, as role assignments name it.</summary>
    public string DefinitionResourceId(string subscriptionId) =>
        $"/subscriptions/{subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{Id}";
}
