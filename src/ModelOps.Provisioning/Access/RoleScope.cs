namespace ModelOps.Provisioning.Access;

/// <summary>The resource of the stack a role is assigned on.</summary>
public enum RoleScope
{
    StorageAccount,
    ApplicationInsights,
    KeyVault,
    ContainerRegistry,
}
