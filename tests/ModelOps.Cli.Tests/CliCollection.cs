namespace ModelOps.Cli.Tests;

[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliHostFixture>
{
    public const string Name = "cli";
}
