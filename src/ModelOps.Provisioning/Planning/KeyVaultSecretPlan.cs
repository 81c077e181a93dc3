namespace ModelOps.Provisioning.Planning;

/// <summary>A Key Vault secret whose value comes from a secret stack config key; <see cref="Uri"/> is its versionless URI.</summary>
public sealed record KeyVaultSecretPlan(string SecretName, string ConfigKey, string Uri)
{
    /// <summary>An App Service Key Vault reference to the latest version: <c>@Microsoft.KeyVault(SecretUri=...)</c>.</summary>
    public string AppSettingReference => "@Microsoft.KeyVault(SecretUri=" + Uri + ")";
}
