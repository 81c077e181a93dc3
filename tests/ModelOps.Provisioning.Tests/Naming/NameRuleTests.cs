using ModelOps.Provisioning.Naming;

namespace ModelOps.Provisioning.Tests.Naming;

public sealed class NameRuleTests
{
    [Theory]
    [InlineData("modelopsdev3k2j9a", null)]
    [InlineData("ModelOpsDev", "contains 'M'")]
    [InlineData("st", "3-24")]
    [InlineData("modelopsproductionabcdef1", "3-24")]
    [InlineData("model-ops", "contains '-'")]
    public void Validate_StorageAccount(string name, string? problem) => AssertRule(NameRules.StorageAccount, name, problem);

    [Theory]
    [InlineData("ca-modelops-dev-serving", null)]
    [InlineData("ca--modelops", "consecutive hyphens")]
    [InlineData("ca-modelops-", "start and end with a letter or digit")]
    [InlineData("1ca", "start with a letter")]
    [InlineData("ca-modelops-production-serving-xx", "2-32")]
    [InlineData("Ca-modelops", "contains 'C'")]
    public void Validate_ContainerApp(string name, string? problem) => AssertRule(NameRules.ContainerApp, name, problem);

    [Theory]
    [InlineData("kv-modelops-dev-3k2j9a", null)]
    [InlineData("kv-modelops-production-3k2j9a", "3-24")]
    [InlineData("kv_modelops", "contains '_'")]
    public void Validate_KeyVault(string name, string? problem) => AssertRule(NameRules.KeyVault, name, problem);

    private static void AssertRule(NameRule rule, string name, string? problem)
    {
        var error = rule.Validate(name);
        if (problem is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(problem, error, StringComparison.Ordinal);
        }
    }
}
