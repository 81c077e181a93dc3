using System.Text.Json;
using ModelOps.Monitoring.Statistics;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>Every case of <c>scipy_jensenshannon.json</c>; 2-D cases are taken one slice along the given axis at a time.</summary>
public sealed class ScipyJensenShannonReferenceTests
{
    private const string File = "scipy_jensenshannon.json";

    public static TheoryData<int, string> Cases => DriftReferenceFile.Cases(File, "cases", c =>
        $"{c.GetProperty("p")} vs {c.GetProperty("q")}" + (c.TryGetProperty("axis", out var axis) ? $" axis {axis}" : ""));

    [Theory]
    [MemberData(nameof(Cases))]
    public void JensenShannon_ScipyCase_Agrees(int index, string label)
    {
        var item = DriftReferenceFile.Load(File).GetProperty("cases")[index];
        double? logBase = item.TryGetProperty("base", out var b) ? b.GetDouble() : null;
        var tolerance = item.TryGetProperty("atol", out var atol) ? atol.GetDouble() : 1e-9;
        var p = Matrix(item.GetProperty("p"));
        var q = Matrix(item.GetProperty("q"));
        var expected = item.GetProperty("expected");
        var axis = item.TryGetProperty("axis", out var a) ? a.GetInt32() : 0;

        if (expected.ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(expected.GetDouble(), ProbabilityDistance.JensenShannon(p[0], q[0], logBase), tolerance);
            return;
        }

        var expectedValues = DriftReferenceFile.Doubles(expected);
        var pSlices = Slices(p, axis);
        var qSlices = Slices(q, axis);
        Assert.Equal(expectedValues.Length, pSlices.Length);
        for (var i = 0; i < expectedValues.Length; i++)
        {
            Assert.True(Math.Abs(expectedValues[i] - ProbabilityDistance.JensenShannon(pSlices[i], qSlices[i], logBase)) <= tolerance, $"{label}: slice {i}.");
        }
    }

    /// <summary>A 1-D array as one row, a 2-D array as its rows.</summary>
    private static double[][] Matrix(JsonElement element) => element[0].ValueKind == JsonValueKind.Array
        ? element.EnumerateArray().Select(DriftReferenceFile.Doubles).ToArray()
        : [DriftReferenceFile.Doubles(element)];

    /// <summary>The vectors along <paramref name="axis"/>: columns for axis 0, rows for axis 1.</summary>
    private static double[][] Slices(double[][] matrix, int axis) => axis == 1
        ? matrix
        : Enumerable.Range(0, matrix[0].Length).Select(c => matrix.Select(row => row[c]).ToArray()).ToArray();
}
