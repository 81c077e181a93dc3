using ModelOps.Testing;

namespace ModelOps.Workflows.Tests.Runner;

/// <summary>One real Azurite for every runner test; each test uses its own tables and queue.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
