namespace ModelOps.Host.Tests.EndToEnd;

/// <summary>One host process (and one Azurite) shared by the end-to-end test classes; each uses its own model names.</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostProcessFixture>
{
    public const string Name = "host";
}
