using ModelOps.Provisioning.Naming;

namespace ModelOps.Provisioning.Tests.Naming;

public sealed class ResourceNamesTests
{
    private const string Subscription = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    [Fact]
    public void Create_DevStack_ReadsKindPrefixStack()
    {
        var names = ResourceNames.Create("modelops", "dev", Subscription);
        var suffix = ResourceNames.UniqueSuffix(Subscription, "dev", "modelops");

        Assert.Equal("rg-modelops-dev", names.ResourceGroup);
        Assert.Equal("modelopsdev" + suffix, names.StorageAccount);
        Assert.Equal("func-modelops-dev-" + suffix, names.FunctionApp);
        Assert.Equal("kv-modelops-dev-" + suffix, names.KeyVault);
        Assert.Equal("ca-modelops-dev-serving", names.ServingApp);
        Assert.Equal("caj-modelops-dev-trainer", names.TrainerJob);
        Assert.Equal("cae-modelops-dev", names.ContainerAppsEnvironment);
    }

    [Theory]
    [InlineData("modelops", "dev")]
    [InlineData("mo", "p")]
    [InlineData("abcdefghij", "a-very-long-feature-branch-stack-name-for-testing")]
    [InlineData("x1", "Feature_X.1")]
    [InlineData("modelops", "production")]
    public void Create_AnyValidPrefixAndStack_EveryNameKeepsItsRule(string prefix, string stack)
    {
        var names = ResourceNames.Create(prefix, stack, Subscription);

        Assert.All(names.WithRules(), n => Assert.Null(n.Rule.Validate(n.Name)));
    }

    [Fact]
    public void Create_LongStack_ShortensTheMiddleButKeepsSuffixAndKind()
    {
        var names = ResourceNames.Create("abcdefghij", "a-very-long-feature-branch-stack-name", Subscription);
        var suffix = ResourceNames.UniqueSuffix(Subscription, "a-very-long-feature-branch-stack-name", "abcdefghij");

        Assert.Equal(24, names.StorageAccount.Length);
        Assert.EndsWith(suffix, names.StorageAccount, StringComparison.Ordinal);
        Assert.EndsWith("-" + suffix, names.KeyVault, StringComparison.Ordinal);
        Assert.EndsWith("-serving", names.ServingApp, StringComparison.Ordinal);
        Assert.StartsWith("ca-", names.ServingApp, StringComparison.Ordinal);
        Assert.True(names.ServingApp.Length <= 32);
    }

    [Fact]
    public void UniqueSuffix_SameInputs_SameSuffixEveryTime()
    {
        Assert.Equal(ResourceNames.UniqueSuffix(Subscription, "dev", "modelops"), ResourceNames.UniqueSuffix(Subscription.ToUpperInvariant(), "dev", "modelops"));
    }

    [Fact]
    public void UniqueSuffix_OtherSubscriptionStackOrPrefix_DiffersAndIsSixLowercaseCharacters()
    {
        string[] suffixes =
        [
            ResourceNames.UniqueSuffix(Subscription, "dev", "modelops"),
            ResourceNames.UniqueSuffix("9d3c4e2a-0000-4000-8000-000000000001", "dev", "modelops"),
            ResourceNames.UniqueSuffix(Subscription, "prod", "modelops"),
            ResourceNames.UniqueSuffix(Subscription, "dev", "mlops"),
        ];

        Assert.Equal(suffixes.Length, suffixes.Distinct().Count());
        Assert.All(suffixes, s => Assert.Matches("^[a-z0-9]{6}$", s));
    }

    [Theory]
    [InlineData("dev", "dev")]
    [InlineData("Feature_X.1", "feature-x-1")]
    [InlineData("--prod--", "prod")]
    [InlineData("__", "")]
    public void StackToken_NormalizesToLowercaseAndSingleHyphens(string stack, string expected)
    {
        Assert.Equal(expected, ResourceNames.StackToken(stack));
    }
}
