namespace ModelOps.Provisioning.Tests.ProviderCheck;

/// <summary>The provider's declarations, loaded once for the tests that need them.</summary>
public sealed class ProviderFixture
{
    /// <summary>The provider version infra/ModelOps.Infra.csproj references (Directory.Packages.props pins the same).</summary>
    public const string ExpectedVersion = "3.28.0";

    public ProviderSchema Schema { get; } = ProviderSchema.Load(RepositoryPaths.ProviderPackage);
}
