using System.Text.Json;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>Every case of <c>scipy_ks_2samp.json</c>: ks_2samp statistic and p-value ('auto' method) to 1e-6.</summary>
public sealed class ScipyKs2SampReferenceTests
{
    private const string File = "scipy_ks_2samp.json";

    public static TheoryData<int, string> Cases => DriftReferenceFile.Cases(File, "cases", c =>
        $"{c.GetProperty("test").GetString()} {c.GetProperty("alternative").GetString()}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void TwoSample_ScipyCase_SameStatisticAndPValue(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("cases")[index];
        var (x1, x2) = Samples(item);
        var alternative = item.GetProperty("alternative").GetString() switch
        {
            "two-sided" => KsAlternative.TwoSided,
            "less" => KsAlternative.Less,
            "greater" => KsAlternative.Greater,
            var other => throw new InvalidDataException($"Unknown alternative {other} in {label}."),
        };
        Assert.Equal("auto", item.GetProperty("mode").GetString());

        var result = KolmogorovSmirnov.TwoSample(x1, x2, alternative);

        Assert.Equal(item.GetProperty("expected_statistic").GetDouble(), result.Statistic, 1e-6);
        Assert.Equal(item.GetProperty("expected_pvalue").GetDouble(), result.PValue, 1e-6);
    }

    private static (double[] X1, double[] X2) Samples(JsonElement item)
    {
        if (item.TryGetProperty("x1", out var x1))
        {
            return (DriftReferenceFile.Doubles(x1), DriftReferenceFile.Doubles(item.GetProperty("x2")));
        }

        // testLarge: x1 = linspace(1, 200, 10000) − 1/10000/110/4, x2 = linspace(2, 100, 110).
        var generator = item.GetProperty("generator").GetString();
        Assert.Equal("x1=numpy.linspace(1.,200.,10000)-2.2727272727272729e-07; x2=numpy.linspace(2.,100.,110)", generator);
        var first = DriftReferenceFile.Linspace(1, 200, 10_000).Select(v => v - 2.2727272727272729e-07).ToArray();
        return (first, DriftReferenceFile.Linspace(2, 100, 110));
    }
}
