namespace ModelOps.Provisioning.Tests.ProviderCheck;

[CollectionDefinition(Name)]
public sealed class ProviderCollection : ICollectionFixture<ProviderFixture>
{
    public const string Name = "provider";
}
