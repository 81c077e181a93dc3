using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Rollouts;

namespace ModelOps.Core.Tests.Rollouts;

public sealed class TrafficPolicyJsonTests
{
    [Fact]
    public void Parse_FullPolicy_ReadsEveryField()
    {
        var policy = Parse("""{"weights": {"1": 90, "2": 10}, "sticky": {"header": "x-user-id"}, "mirror": {"version": 3, "percent": 20}}""");

        Assert.Equal(90, policy.Weights[1]);
        Assert.Equal(10, policy.Weights[2]);
        Assert.Equal("x-user-id", policy.Sticky!.Header);
        Assert.Equal(new TrafficMirror(3, 20), policy.Mirror);
    }

    [Fact]
    public void Parse_StickyByInput_ReadsTheInputName()
    {
        var policy = Parse("""{"weights": {"1": 50, "2": 50}, "sticky": {"input": "customer_id"}}""");

        Assert.Equal(StickyRouting.ByInput("customer_id"), policy.Sticky);
        Assert.Null(policy.Sticky!.Header);
    }

    [Theory]
    [InlineData("""{"weights": {"1": 90, "2": 5}}""", "'weights' sum to 95, not 100")]
    [InlineData("""{"weights": {"one": 100}}""", "'weights.one'")]
    [InlineData("""{"weights": {"1": 100.5}}""", "'weights.1' must be a whole percent")]
    [InlineData("""{"weights": {"1": 120, "2": -20}}""", "a weight is a percent from 0 to 100")]
    [InlineData("""{"weights": {}}""", "'weights' must name at least one version")]
    [InlineData("""{"sticky": {"header": "x"}}""", "'weights' is required")]
    [InlineData("""{"weights": {"1": 100}, "mirror": {"version": 2, "percent": 0}}""", "'mirror.percent'")]
    [InlineData("""{"weights": {"1": 100}, "mirror": {"version": 1, "percent": 10}}""", "'mirror.version'")]
    [InlineData("""{"weights": {"1": 100}, "mirror": {"version": 2}}""", "'mirror.percent' is required")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {"header": "bad header"}}""", "'sticky.header'")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {"cookie": "session"}}""", "'sticky.cookie' is not valid")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {"input": 3}}""", "'sticky.input' is not valid")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {"input": ""}}""", "'sticky.input' must be the name of a model input")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {"header": "x-user", "input": "customer_id"}}""", "exactly one of 'header'")]
    [InlineData("""{"weights": {"1": 100}, "sticky": {}}""", "'sticky' needs 'header'")]
    [InlineData("""{"weights": {"1": 100}, "sticky": "customer_id"}""", "'sticky' must be an object")]
    [InlineData("""{"weights": {"1": 100}, "shadow": true}""", "'shadow' is not a field")]
    public void Parse_BadPolicy_InvalidNamingTheField(string json, string fragment)
    {
        var error = Assert.Throws<ModelOpsException>(() => Parse(json));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    private static TrafficPolicy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TrafficPolicyJson.Parse(document.RootElement);
    }
}
