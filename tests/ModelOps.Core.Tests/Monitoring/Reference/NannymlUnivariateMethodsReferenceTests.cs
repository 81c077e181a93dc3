using ModelOps.Monitoring.Drift;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>
/// Every case of <c>nannyml_univariate_methods.json</c>: the deterministic L-infinity cases exactly (to their two
/// decimals); of the cases drawn from numpy's random stream, those of methods offered here are rerun on .NET's seeded
/// generator as the loose sanity checks the file calls them, and NannyML's own continuous binnings are asserted to be
/// reported as unknown methods.
/// </summary>
public sealed class NannymlUnivariateMethodsReferenceTests
{
    private const string File = "nannyml_univariate_methods.json";

    public static TheoryData<int, string> DeterministicCases => DriftReferenceFile.Cases(File, "deterministic_cases", c => c.GetProperty("method").GetString()!);

    public static TheoryData<int, string> RandomCases
    {
        get
        {
            var data = new TheoryData<int, string>();
            var index = 0;
            foreach (var item in DriftReferenceFile.Load(File).GetProperty("rng_dependent_cases_loose_sanity_only").GetProperty("cases").EnumerateArray())
            {
                data.Add(index++, $"{item.GetProperty("method").GetString()}: {item.GetProperty("reference").GetString()} vs {item.GetProperty("analysis").GetString()}");
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(DeterministicCases))]
    public void LInfinity_NannymlCase_Agrees(int index, string method)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("deterministic_cases")[index];
        Assert.StartsWith("LInfinityDistance", method, StringComparison.Ordinal);
        var reference = ProfileBuilder.Categorical(item.GetProperty("reference").EnumerateArray().Select(v => v.GetString()!));
        var analysis = ProfileBuilder.Categorical(item.GetProperty("analysis").EnumerateArray().Select(v => v.GetString()!));

        var result = ColumnDriftCalculator.Compute(DriftMethod.LInfinity, DriftMethods.DefaultThreshold(DriftMethod.LInfinity), reference, analysis);

        Assert.Equal(item.GetProperty("expected_rounded_2dp").GetDouble(), Math.Round(result.Statistic!.Value, 2));
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomCase_LooseSanityOrReportedUnsupported(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("rng_dependent_cases_loose_sanity_only").GetProperty("cases")[index];
        var method = item.GetProperty("method").GetString()!;
        var expected = item.GetProperty("expected_rounded").GetDouble();
        var random = new Random(1);
        switch (method)
        {
            case "WassersteinDistance":
                // Plain Wasserstein: the normed method divided by the reference's std, which is about 1 here; times the std back.
                var (referenceSize, shift) = item.GetProperty("analysis").GetString() == "N(1,1) n=1000" ? (10_000, 1.0) : (100_000, -4.0);
                var reference = ProfileBuilder.Numeric(Normal(random, referenceSize, 0));
                var analysis = ProfileBuilder.Numeric(Normal(random, 1000, shift));
                var normed = ColumnDriftCalculator.Compute(DriftMethod.Wasserstein, 0.1, reference, analysis).Statistic!.Value;
                Assert.Equal(expected, normed * reference.Numeric!.Std, 0.1);
                break;
            case "CategoricalHellingerDistance":
                var letters = new[] { "a", "b", "c", "d" };
                var shifted = new[] { "a", "b", "c", "e" };
                var hellinger = ColumnDriftCalculator.Compute(
                    DriftMethod.Hellinger,
                    0.1,
                    ProfileBuilder.Categorical(Enumerable.Range(0, 10_000).Select(_ => letters[random.Next(4)])),
                    ProfileBuilder.Categorical(Enumerable.Range(0, 1000).Select(_ => shifted[random.Next(4)])));
                Assert.Equal(expected, hellinger.Statistic!.Value, 0.05);
                break;
            default:
                // NannyML's continuous Jensen-Shannon / Hellinger and its categorical Jensen-Shannon bin and scale differently
                // from Evidently's; they are not offered, and asking for them by name is an error.
                Assert.Contains(method, new[] { "ContinuousJensenShannonDistance", "CategoricalJensenShannonDistance", "ContinuousHellingerDistance" });
                Assert.False(DriftMethods.TryParse(method, out _, out var error));
                Assert.StartsWith("Unknown drift method", error, StringComparison.Ordinal);
                break;
        }

        Assert.False(string.IsNullOrEmpty(label));
    }

    private static IEnumerable<double> Normal(Random random, int n, double mean)
    {
        for (var i = 0; i < n; i++)
        {
            yield return mean + (Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        }
    }
}
