using System.Text.Json;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>Every case of <c>scipy_wasserstein_energy.json</c>: numeric cases to 1e-7 relative (exact where marked) and the two identities.</summary>
public sealed class ScipyWassersteinEnergyReferenceTests
{
    private const string File = "scipy_wasserstein_energy.json";

    public static TheoryData<int, string> WassersteinCases => DriftReferenceFile.Cases(File, "wasserstein_distance", Label);

    public static TheoryData<int, string> EnergyCases => DriftReferenceFile.Cases(File, "energy_distance", Label);

    [Theory]
    [MemberData(nameof(WassersteinCases))]
    public void Wasserstein_ScipyCase_Agrees(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("wasserstein_distance")[index];
        if (DriftReferenceFile.Text(item, "note") is { } note)
        {
            AssertIdentity(note);
            return;
        }

        var actual = SampleDistance.Wasserstein(Values(item, "u_values"), Values(item, "v_values"), Weights(item, "u_weights"), Weights(item, "v_weights"));

        AssertExpected(item, actual, label);
    }

    [Theory]
    [MemberData(nameof(EnergyCases))]
    public void Energy_ScipyCase_Agrees(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("energy_distance")[index];

        var actual = SampleDistance.Energy(Values(item, "u_values"), Values(item, "v_values"), Weights(item, "u_weights"), Weights(item, "v_weights"));

        AssertExpected(item, actual, label);
    }

    private static void AssertExpected(JsonElement item, double actual, string label)
    {
        var expected = item.GetProperty("expected");
        if (expected.ValueKind == JsonValueKind.String)
        {
            var text = expected.GetString()!;
            if (text.StartsWith("nan", StringComparison.Ordinal))
            {
                Assert.True(double.IsNaN(actual), $"{label}: expected NaN, got {actual}.");
            }
            else
            {
                Assert.Equal(DriftReferenceFile.Number(expected), actual);
            }

            return;
        }

        if (item.TryGetProperty("exact", out var exact) && exact.GetBoolean())
        {
            Assert.Equal(expected.GetDouble(), actual);
            return;
        }

        Assert.InRange(Math.Abs(actual - expected.GetDouble()), 0, Math.Max(1e-7 * Math.Abs(expected.GetDouble()), 1e-12));
    }

    private static void AssertIdentity(string note)
    {
        if (note.StartsWith("equality identity", StringComparison.Ordinal))
        {
            var unweighted = SampleDistance.Wasserstein([0, 0, 1, 1, 1, 1, 5], [0, 3, 3, 3, 3, 4, 4]);
            var weighted = SampleDistance.Wasserstein([5, 0, 1], [0, 4, 3], [1, 2, 4], [1, 2, 4]);
            Assert.Equal(unweighted, weighted, 1e-12);
        }
        else
        {
            Assert.StartsWith("zero weight identity", note, StringComparison.Ordinal);
            var withZero = SampleDistance.Wasserstein([1, 2, 100000], [1, 1], [1, 1, 0], [1, 1]);
            var without = SampleDistance.Wasserstein([1, 2], [1, 1], [1, 1], [1, 1]);
            Assert.Equal(without, withZero, 1e-12);
        }
    }

    private static string Label(JsonElement item) => DriftReferenceFile.Text(item, "note") is { } note
        ? note[..note.IndexOf(':', StringComparison.Ordinal)]
        : $"{item.GetProperty("u_values")} vs {item.GetProperty("v_values")}";

    private static double[] Values(JsonElement item, string name) => DriftReferenceFile.Doubles(item.GetProperty(name));

    private static double[]? Weights(JsonElement item, string name) =>
        item.TryGetProperty(name, out var weights) ? DriftReferenceFile.Doubles(weights) : null;
}
