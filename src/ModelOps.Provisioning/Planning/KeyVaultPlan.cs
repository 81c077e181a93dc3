namespace ModelOps.Provisioning.Planning;

/// <summary>A Key Vault authorized by Azure RBAC (no access policies) holding the ModelOps keys.</summary>
public sealed record KeyVaultPlan
{
    public required string Name { get; init; }
    public string SkuFamily { get; init; } = "A";
    public string SkuName { get; init; } = "standard";
    public bool EnableRbacAuthorization { get; init; } = true;
    public int SoftDeleteRetentionDays { get; init; } = 7;
    public required bool EnablePurgeProtection { get; init; }
    public required KeyVaultSecretPlan AdminKey { get; init; }
    public required KeyVaultSecretPlan ApiKey { get; init; }

    public string VaultUri => $"https://{Name}.vault.azure.net";

    public IReadOnlyList<KeyVaultSecretPlan> Secrets => [AdminKey, ApiKey];
}
