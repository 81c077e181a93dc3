using System.Globalization;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;

namespace ModelOps.Core.Tests.Monitoring;

/// <summary>Builds column profiles from raw values through the real sketches, as a check would.</summary>
internal static class ProfileBuilder
{
    public static ColumnProfile Numeric(IEnumerable<double> values, SketchOptions? options = null, IReadOnlyList<double>? anchors = null, string name = "x")
    {
        var sketch = new NumericColumnSketch(options, anchors: anchors);
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch.ToProfile(name);
    }

    public static ColumnProfile Categorical(IEnumerable<string> values, SketchOptions? options = null, IEnumerable<string>? seed = null, string name = "x")
    {
        var sketch = new CategoricalColumnSketch(options, seed: seed);
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch.ToProfile(name);
    }

    public static ColumnProfile Of(ColumnKind kind, IEnumerable<string> values) => kind == ColumnKind.Numeric
        ? Numeric(values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)))
        : Categorical(values);

    /// <summary>A window profile of <paramref name="rows"/> (name → values; null is missing) built as the analyzer builds one.</summary>
    public static DatasetProfile Dataset(MonitoringSchema schema, IReadOnlyDictionary<string, string?[]> rows, SketchOptions? options = null, DatasetProfile? reference = null, Func<ColumnProfile, bool>? anchor = null)
    {
        var sketch = new DatasetSketch(schema, options, reference, anchor);
        foreach (var (name, values) in rows)
        {
            var column = sketch.IndexOf(name);
            foreach (var value in values)
            {
                sketch.Add(column, value);
            }
        }

        return sketch.ToProfile();
    }
}
