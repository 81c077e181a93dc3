namespace ModelOps.Provisioning.Planning;

/// <summary>The container registry the ModelOps images are pushed to; pulled with the managed identity (no admin user).</summary>
public sealed record RegistryPlan
{
    public required string Name { get; init; }
    public string SkuName { get; init; } = "Basic";
    public bool AdminUserEnabled { get; init; }

    public string LoginServer => Name + ".azurecr.io";
}
