using ModelOps.Testing;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>Unique storage names for one test, so tests share an Azurite without seeing each other.</summary>
public sealed record RetrainingNames
{
    public string Prefix { get; } = AzuriteFixture.UniqueName("rt");

    public string Table(string what) => $"modelops{Prefix}{what}";

    public string Container(string what) => $"{Prefix}-{what}";

    /// <summary>A task hub of its own (letters and digits, at most 45), so no other test's engine takes its work.</summary>
    public string TaskHub => "hub" + Prefix.Replace("x", string.Empty, StringComparison.Ordinal);
}
