using System.Text.Json;
using ModelOps.Testing;

namespace ModelOps.Core.Tests.Monitoring.Reference;

/// <summary>The JSON files of <c>../shared/data/drift-reference</c> (scipy, Evidently and NannyML numbers), read at test time.</summary>
internal static class DriftReferenceFile
{
    public static JsonElement Load(string file)
    {
        var path = Path.Combine(RepositoryPaths.SharedData, "drift-reference", file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    /// <summary>A theory row per element of <paramref name="arrayName"/>: its index and a short label for the test name.</summary>
    public static TheoryData<int, string> Cases(string file, string arrayName, Func<JsonElement, string> label)
    {
        var data = new TheoryData<int, string>();
        var index = 0;
        foreach (var item in Load(file).GetProperty(arrayName).EnumerateArray())
        {
            data.Add(index++, label(item));
        }

        return data;
    }

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(Number).ToArray();

    /// <summary>A JSON number, or the strings "inf", "-inf" and "nan".</summary>
    public static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.NaN,
        }
        : element.GetDouble();

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>numpy's <c>linspace(start, stop, num)</c>: i·step + start, the last value exactly stop.</summary>
    public static double[] Linspace(double start, double stop, int num)
    {
        var step = (stop - start) / (num - 1);
        var values = new double[num];
        for (var i = 0; i < num; i++)
        {
            values[i] = (i * step) + start;
        }

        values[^1] = stop;
        return values;
    }
}
