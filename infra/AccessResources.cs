using ModelOps.Provisioning.Access;
using ModelOps.Provisioning.Planning;
using Pulumi;
using Authorization = Pulumi.AzureNative.Authorization;
using ContainerRegistry = Pulumi.AzureNative.ContainerRegistry;
using KeyVault = Pulumi.AzureNative.KeyVault;
using ManagedIdentity = Pulumi.AzureNative.ManagedIdentity;
using Resources = Pulumi.AzureNative.Resources;

namespace ModelOps.Infra;

/// <summary>The managed identity every ModelOps component runs as, what it may touch, the Key Vault with the keys, and the registry.</summary>
internal sealed record AccessResources(
    ManagedIdentity.UserAssignedIdentity Identity,
    KeyVault.Vault Vault,
    ContainerRegistry.Registry Registry,
    IReadOnlyList<Resource> RoleAssignments)
{
    public static AccessResources Declare(
        DeploymentPlan plan, Resources.ResourceGroup group, string tenantId, StackKeys keys, StorageResources storage, MonitoringResources monitoring)
    {
        var identity = new ManagedIdentity.UserAssignedIdentity("identity", new ManagedIdentity.UserAssignedIdentityArgs
        {
            ResourceName = plan.Names.Identity,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Tags = ModelOpsStack.Tags(plan),
        });

        var vaultPlan = plan.KeyVault;
        var vault = new KeyVault.Vault("key-vault", new KeyVault.VaultArgs
        {
            VaultName = vaultPlan.Name,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Properties = new KeyVault.Inputs.VaultPropertiesArgs
            {
                TenantId = tenantId,
                Sku = new KeyVault.Inputs.SkuArgs
                {
                    Family = vaultPlan.SkuFamily,
                    Name = vaultPlan.SkuName == "premium" ? KeyVault.SkuName.Premium : KeyVault.SkuName.Standard,
                },
                EnableRbacAuthorization = vaultPlan.EnableRbacAuthorization,
                EnableSoftDelete = true,
                SoftDeleteRetentionInDays = vaultPlan.SoftDeleteRetentionDays,
                // Azure refuses enablePurgeProtection=false; leaving it unset is how a vault goes without.
                EnablePurgeProtection = vaultPlan.EnablePurgeProtection ? true : null,
            },
            Tags = ModelOpsStack.Tags(plan),
        });

        foreach (var (secret, value) in new[] { (vaultPlan.AdminKey, keys.AdminKey), (vaultPlan.ApiKey, keys.ApiKey) })
        {
            _ = new KeyVault.Secret(secret.SecretName, new KeyVault.SecretArgs
            {
                SecretName = secret.SecretName,
                VaultName = vault.Name,
                ResourceGroupName = group.Name,
                Properties = new KeyVault.Inputs.SecretPropertiesArgs { Value = value },
            });
        }

        var registry = new ContainerRegistry.Registry("registry", new ContainerRegistry.RegistryArgs
        {
            RegistryName = plan.Registry.Name,
            ResourceGroupName = group.Name,
            Location = plan.Location,
            Sku = new ContainerRegistry.Inputs.SkuArgs { Name = plan.Registry.SkuName },
            AdminUserEnabled = plan.Registry.AdminUserEnabled,
            Tags = ModelOpsStack.Tags(plan),
        });

        var assignments = new List<Resource>();
        foreach (var assignment in plan.RoleAssignments)
        {
            Output<string> scope = assignment.Scope switch
            {
                RoleScope.StorageAccount => storage.Account.Id,
                RoleScope.ApplicationInsights => monitoring.ApplicationInsights.Id,
                RoleScope.KeyVault => vault.Id,
                RoleScope.ContainerRegistry => registry.Id,
                _ => throw new InvalidOperationException($"No resource for role scope {assignment.Scope}."),
            };
            assignments.Add(new Authorization.RoleAssignment("role-" + assignment.Name, new Authorization.RoleAssignmentArgs
            {
                RoleAssignmentName = assignment.Name,
                RoleDefinitionId = assignment.RoleDefinitionId,
                PrincipalId = identity.PrincipalId,
                PrincipalType = "ServicePrincipal",
                Scope = scope,
                Description = assignment.Role.Name + ": " + assignment.Why,
            }));
        }

        return new AccessResources(identity, vault, registry, assignments);
    }
}
