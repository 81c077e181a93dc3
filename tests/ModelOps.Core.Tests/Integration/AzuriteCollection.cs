using ModelOps.Testing;

namespace ModelOps.Core.Tests.Integration;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
