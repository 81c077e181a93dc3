using ModelOps.Testing;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>Fresh table and queue names for one test (prefixed <c>modelops</c> as the runner's options require).</summary>
public sealed record RunnerNames(string HistoryTable, string IndexTable, string Queue)
{
    public static RunnerNames Create()
    {
        var id = AzuriteFixture.UniqueName("t")[..20];
        return new RunnerNames($"modelopsh{id}", $"modelopsi{id}", $"modelops-q{id}");
    }
}
