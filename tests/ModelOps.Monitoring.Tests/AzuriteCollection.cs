using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests;

/// <summary>One Azurite for every integration test class in this assembly; each class uses its own names.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
