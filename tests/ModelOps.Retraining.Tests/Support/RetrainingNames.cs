using ModelOps.Testing;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>Unique storage names for one test, so tests share an Azurite without seeing each other.</summary>
public sealed record RetrainingNames
{
    public string Prefix { get; } = AzuriteFixture.UniqueName("rt");

    public string Table(string what) => $"modelops{Prefix}{what}";

    public string Container(string what) => $"{Prefix}-{what}";
}
