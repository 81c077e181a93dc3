using System.Text.Json;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>Every case of <c>scipy_chi2_contingency.json</c> (N-dimensional tables, Yates, G-test, errors) and its association block.</summary>
public sealed class ScipyChi2ContingencyReferenceTests
{
    private const string File = "scipy_chi2_contingency.json";

    public static TheoryData<int, string> Cases => DriftReferenceFile.Cases(File, "cases", c =>
        DriftReferenceFile.Text(c, "origin") ?? DriftReferenceFile.Text(c, "expected_error") ?? "case");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Independence_ScipyCase_Agrees(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("cases")[index];
        var table = Table(item.GetProperty("observed"));
        var correction = !item.TryGetProperty("correction", out var c) || c.GetBoolean();
        var divergence = DriftReferenceFile.Text(item, "lambda_") switch
        {
            null => PowerDivergence.Pearson,
            "log-likelihood" => PowerDivergence.LogLikelihood,
            var other => throw new InvalidDataException($"Unknown lambda_ {other} in {label}."),
        };

        if (DriftReferenceFile.Text(item, "expected_error") is { } error)
        {
            var exception = Assert.Throws<ArgumentException>(() => ChiSquare.Independence(table, correction, divergence));
            Assert.Contains(error.Contains("negative", StringComparison.Ordinal) ? "non-negative" : "zero element", exception.Message, StringComparison.Ordinal);
            return;
        }

        var result = ChiSquare.Independence(table, correction, divergence);

        if (item.TryGetProperty("expected_statistic", out var statistic))
        {
            AssertClose(statistic.GetDouble(), result.Statistic, item, "statistic_significant_digits");
        }

        if (item.TryGetProperty("expected_pvalue", out var pValue))
        {
            AssertClose(pValue.GetDouble(), result.PValue, item, "pvalue_significant_digits");
        }

        if (item.TryGetProperty("expected_dof", out var dof))
        {
            Assert.Equal(dof.GetInt32(), result.DegreesOfFreedom);
        }

        if (item.TryGetProperty("expected_freq", out var frequencies))
        {
            var expected = Flatten(frequencies).ToArray();
            var actual = table.ExpectedFrequencies();
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Equal(expected[i], actual[i], 1e-9);
            }
        }

        if (DriftReferenceFile.Text(item, "expected_statistic_formula") is { } formula)
        {
            // 2·Σ c·ln(c/e) over the table, e the expected frequencies.
            Assert.Equal("2*sum(c*log(c/e))", formula);
            var expected = table.ExpectedFrequencies();
            var g = 2 * table.Counts.Select((count, i) => count * Math.Log(count / expected[i])).Sum();
            Assert.Equal(g, result.Statistic, 1e-9);
        }
    }

    [Theory]
    [InlineData("cramer", AssociationMeasure.Cramer)]
    [InlineData("tschuprow", AssociationMeasure.Tschuprow)]
    [InlineData("pearson", AssociationMeasure.Pearson)]
    public void Association_ScipyCase_Agrees(string name, AssociationMeasure measure)
    {
        var association = DriftReferenceFile.Load(File).GetProperty("association");
        var table = Table(association.GetProperty("observed"));

        Assert.Equal(association.GetProperty("expected").GetProperty(name).GetDouble(), ChiSquare.Association(table, measure), 1e-9);
    }

    /// <summary>Relative to the stated significant digits when the file gives them, else to 1e-6 (absolute or relative, whichever is looser).</summary>
    private static void AssertClose(double expected, double actual, JsonElement item, string digitsProperty)
    {
        if (item.TryGetProperty(digitsProperty, out var digits))
        {
            Assert.InRange(Math.Abs(actual - expected), 0, Math.Abs(expected) * Math.Pow(10, 1 - digits.GetInt32()) / 2);
        }
        else if (item.TryGetProperty("rtol", out var rtol))
        {
            Assert.InRange(Math.Abs(actual - expected), 0, Math.Abs(expected) * rtol.GetDouble());
        }
        else
        {
            Assert.InRange(Math.Abs(actual - expected), 0, Math.Max(1e-6, Math.Abs(expected) * 1e-6));
        }
    }

    private static ContingencyTable Table(JsonElement observed)
    {
        var shape = new List<int>();
        for (var level = observed; level.ValueKind == JsonValueKind.Array; level = level[0])
        {
            shape.Add(level.GetArrayLength());
        }

        return new ContingencyTable(shape, Flatten(observed).ToArray());
    }

    private static IEnumerable<double> Flatten(JsonElement element) => element.ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().SelectMany(Flatten)
        : [element.GetDouble()];
}
