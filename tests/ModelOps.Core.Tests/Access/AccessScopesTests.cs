using ModelOps.Access;

namespace ModelOps.Core.Tests.Access;

public sealed class AccessScopesTests
{
    [Theory]
    [InlineData("*", "fraud-detector", true)]
    [InlineData("*", null, true)]
    [InlineData("fraud-*", "fraud-detector", true)]
    [InlineData("fraud-*", "fraud-", true)]
    [InlineData("fraud-*", "fraud", false)]
    [InlineData("fraud-*", "Fraud-detector", false)]
    [InlineData("fraud-*", null, false)]
    [InlineData("fraud-detector", "fraud-detector", true)]
    [InlineData("fraud-detector", "fraud-detector2", false)]
    public void Covers_ScopeAndModel_AsDocumented(string scope, string? model, bool expected) =>
        Assert.Equal(expected, AccessScopes.Covers(scope, model));

    [Theory]
    [InlineData("*", null)]
    [InlineData("fraud-*", null)]
    [InlineData("fraud.v2", null)]
    [InlineData("", "'scope' is required")]
    [InlineData("*fraud", "only at its end")]
    [InlineData("fr*aud*", "only at its end")]
    [InlineData("../x*", "is not '*'")]
    [InlineData("a b", "is not '*'")]
    public void Validate_Scope_NamesTheProblem(string scope, string? expected)
    {
        var problem = AccessScopes.Validate(scope);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Roles_GrantWhatTheContractSays()
    {
        var grants = AppRoles.All.ToDictionary(r => r, r => Enum.GetValues<Permission>().Where(p => AppRoles.Grants(r, p)).ToArray());

        Assert.Equal([Permission.Read], grants[AppRoles.Reader]);
        Assert.Equal([Permission.Invoke], grants[AppRoles.Invoker]);
        Assert.Equal([Permission.Read, Permission.Train], grants[AppRoles.Trainer]);
        Assert.Equal([Permission.Read, Permission.Deploy], grants[AppRoles.Deployer]);
        Assert.Equal(Enum.GetValues<Permission>(), grants[AppRoles.Admin]);
        Assert.False(AppRoles.Grants("modelops.admin", Permission.Read));
        Assert.All(Enum.GetValues<Permission>(), p => Assert.True(AppRoles.Grants(AppRoles.LeastGranting(p), p)));
    }
}
