using System.Text.Json;

namespace ModelOps.Functions.Tests.Support;

/// <summary>What an HTTP function answered.</summary>
public sealed record HttpResult(int Status, string Body, string Location)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    /// <summary>Fails with the body when the status is not <paramref name="expected"/>.</summary>
    public HttpResult Expect(int expected)
    {
        Assert.True(Status == expected, $"Expected {expected}, got {Status}: {Body}");
        return this;
    }
}
