using ModelOps.Testing;

namespace ModelOps.Retraining.Tests.Support;

/// <summary>Storage names of one test's own, so tests share an Azurite without seeing each other.</summary>
public sealed record RetrainingNames
{
    /// <summary>The storage name prefix: every container and table of the test's hosts carries it.</summary>
    public string Prefix { get; } = AzuriteFixture.UniquePrefix();

    /// <summary>A task hub of its own (letters and digits), so no other test's engine takes its work.</summary>
    public string TaskHub => "hub" + Prefix;
}
