namespace ModelOps.Provisioning.Planning;

/// <summary>A container app secret read from Key Vault through the managed identity; environment variables refer to <see cref="Name"/>.</summary>
public sealed record ContainerSecretPlan(string Name, string KeyVaultSecretUri);
