using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Drift;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>
/// Every case of <c>evidently_stattests.json</c>, run through the real path (sketch → profile → method). Each value is
/// checked to the file's tolerance and, where the file rounds, to 1e-6 against the full-precision number scipy 1.10.1
/// gives for the same Evidently computation. The TVD case is asserted to be reported as unsupported.
/// </summary>
public sealed partial class EvidentlyStattestsReferenceTests
{
    private const string File = "evidently_stattests.json";

    /// <summary>scipy 1.10.1 on the same inputs with Evidently's code (its p-value or distance), full precision.</summary>
    private static readonly Dictionary<string, double> Scipy = new(StringComparer.Ordinal)
    {
        ["psi"] = 2.9341472484810085,
        ["chi_stat_test (p-value)"] = 0.6730876006966301,
        ["hellinger_stat_test"] = 0.06812774370983345,
        ["chi_stat_test (p-value), reference counts doubled"] = 0.6730876006966301,
        ["g_test (p-value)"] = 0.817622013379844,
        ["mann_whitney_u (p-value)"] = 0.4814330305987495,
        ["t_test (p-value)"] = 0.08410572024397052,
        ["anderson_darling (p-value)"] = 0.06351467728760828,
        ["energy_distance"] = 1.9332614929181204,
    };

    private static readonly double[] ScipyFisher = [0.033972274322700745, 0.1818181818181818, 0.0021645021645021645, 0.0007843987149579247];

    public static TheoryData<int, string> Cases => DriftReferenceFile.Cases(File, "cases", c => c.GetProperty("test").GetString()!);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Method_EvidentlyCase_Agrees(int index, string test)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("cases")[index];
        switch (test)
        {
            case "tvd_test (p-value)":
                AssertUnsupported(item);
                return;
            case "fisher_exact (p-value)":
                AssertFisher(item);
                return;
        }

        var method = test switch
        {
            "psi" => DriftMethod.Psi,
            "hellinger_stat_test" => DriftMethod.Hellinger,
            "g_test (p-value)" => DriftMethod.GTest,
            "mann_whitney_u (p-value)" => DriftMethod.MannWhitney,
            "t_test (p-value)" => DriftMethod.TTest,
            "anderson_darling (p-value)" => DriftMethod.AndersonDarling,
            "energy_distance" => DriftMethod.EnergyDistance,
            _ when test.StartsWith("chi_stat_test", StringComparison.Ordinal) => DriftMethod.ChiSquare,
            _ => throw new InvalidDataException($"No method for Evidently case '{test}'."),
        };
        var kind = item.GetProperty("column_type").GetString() == "num" ? ColumnKind.Numeric : ColumnKind.Categorical;
        var reference = Values(item.GetProperty("reference"), null);
        var current = Values(item.GetProperty("current"), reference);
        var threshold = item.GetProperty("threshold").GetDouble();

        var result = Compute(method, threshold, kind, reference, current);

        var score = DriftMethods.UsesPValue(method) ? result.PValue!.Value : result.Statistic!.Value;
        var expected = item.TryGetProperty("expected", out var e) ? e.GetDouble() : item.GetProperty("expected_drift_score").GetDouble();
        Assert.Equal(expected, score, item.GetProperty("abs_tol").GetDouble());
        Assert.Equal(Scipy[test], score, 1e-6);
        if (item.TryGetProperty("expected_drift_detected", out var drift))
        {
            Assert.Equal(drift.GetBoolean(), result.Drifted);
        }

        Assert.False(result.Approximate);
    }

    private static ColumnDrift Compute(DriftMethod method, double threshold, ColumnKind kind, string[] reference, string[] current) =>
        ColumnDriftCalculator.Compute(method, threshold, ProfileBuilder.Of(kind, reference), ProfileBuilder.Of(kind, current));

    private static void AssertUnsupported(JsonElement item)
    {
        // Evidently's TVD p-value comes from a permutation test on numpy's seeded random stream: reported as unsupported.
        Assert.Equal(5, item.GetProperty("cases").GetArrayLength());
        Assert.False(DriftMethods.TryParse("TVD", out var method, out var error));
        Assert.Null(method);
        Assert.Contains("not supported", error, StringComparison.Ordinal);
        Assert.Contains("numpy", error, StringComparison.Ordinal);
        Assert.EndsWith(DriftMethods.Unsupported["TVD"], error, StringComparison.Ordinal);
    }

    private static void AssertFisher(JsonElement item)
    {
        var threshold = item.GetProperty("threshold").GetDouble();
        var tolerance = item.GetProperty("abs_tol").GetDouble();
        var index = 0;
        foreach (var sub in item.GetProperty("cases").EnumerateArray())
        {
            var result = Compute(DriftMethod.FisherExact, threshold, ColumnKind.Categorical, Values(sub.GetProperty("reference"), null), Values(sub.GetProperty("current"), null));

            Assert.Equal(sub.GetProperty("expected").GetDouble(), result.PValue!.Value, tolerance);
            Assert.Equal(ScipyFisher[index], result.PValue!.Value, 1e-6);
            Assert.Equal(sub.GetProperty("drift").GetBoolean(), result.Drifted);
            index++;
        }

        Assert.Equal(ScipyFisher.Length, index);
    }

    /// <summary>A sample as text: a JSON list, <c>{"values","repeat"}</c> (numpy.repeat), <c>"reference + 5"</c>, or a Python list literal times n.</summary>
    private static string[] Values(JsonElement element, string[]? reference)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(Text).ToArray();
            case JsonValueKind.Object:
                var values = element.GetProperty("values").EnumerateArray().Select(Text).ToArray();
                var repeat = element.GetProperty("repeat").EnumerateArray().Select(r => r.GetInt32()).ToArray();
                return values.SelectMany((v, i) => Enumerable.Repeat(v, repeat[i])).ToArray();
        }

        var expression = element.GetString()!;
        if (expression == "reference + 5")
        {
            return reference!.Select(v => (double.Parse(v, CultureInfo.InvariantCulture) + 5).ToString("R", CultureInfo.InvariantCulture)).ToArray();
        }

        var match = RepeatedList().Match(expression);
        Assert.True(match.Success, $"Unreadable sample expression {expression}.");
        var items = match.Groups[1].Value.Split(',').Select(s => s.Trim().Trim('\'')).ToArray();
        return Enumerable.Repeat(items, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)).SelectMany(x => x).ToArray();
    }

    private static string Text(JsonElement element) => element.ValueKind == JsonValueKind.Number
        ? element.GetDouble().ToString("R", CultureInfo.InvariantCulture)
        : element.GetString()!;

    [GeneratedRegex(@"^\[(.*)\]\*(\d+)$")]
    private static partial Regex RepeatedList();
}
