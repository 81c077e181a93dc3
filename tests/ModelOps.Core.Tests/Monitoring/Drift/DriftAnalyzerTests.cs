using System.Text.Json;
using ModelOps.Errors;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Profiles;
using ModelOps.Monitoring.Quality;
using ModelOps.Serialization;

namespace ModelOps.Core.Tests.Monitoring.Drift;

public sealed class DriftAnalyzerTests
{
    private static readonly MonitoringSchema Schema = new()
    {
        Label = "label",
        Columns =
        [
            new MonitoredColumn { Name = "x", Kind = ColumnKind.Numeric },
            new MonitoredColumn { Name = "color", Kind = ColumnKind.Categorical },
            new MonitoredColumn { Name = "label", Kind = ColumnKind.Categorical },
        ],
    };

    private readonly DriftAnalyzer _analyzer = new();

    [Fact]
    public void Analyze_ShiftedNumericColumnOnly_OneOfTwoDriftsDatasetDriftAtHalf()
    {
        var reference = Profile(Enumerable.Range(0, 500).Select(i => i / 10.0), ["red", "green"]);
        var window = Window(reference, Enumerable.Range(0, 400).Select(i => 20 + (i / 10.0)), ["red", "green"]);

        var report = _analyzer.Analyze(reference, window, new DriftSettings(), Schema);

        Assert.Equal(["x", "color"], report.Columns.Select(c => c.Name));
        var x = report.Columns[0];
        Assert.Equal(DriftMethod.Ks, x.Method);
        Assert.True(x.Drifted);
        Assert.False(report.Columns[1].Drifted);
        Assert.Equal(DriftMethod.Z, report.Columns[1].Method);
        Assert.Equal(0.5, report.DriftedShare);
        Assert.True(report.DatasetDrift);
        Assert.False(_analyzer.Analyze(reference, window, new DriftSettings { DriftShare = 0.6 }, Schema).DatasetDrift);
    }

    [Fact]
    public void Analyze_ColumnAbsentFromWindow_SkippedAndNotCounted()
    {
        var reference = Profile(Enumerable.Range(0, 50).Select(i => (double)i), ["a", "b", "c"]);
        var window = new DatasetProfile { RowCount = 10, Columns = [ProfileBuilder.Categorical(["a", "b", "c", "a"], name: "color")] };

        var report = _analyzer.Analyze(reference, window, new DriftSettings(), Schema);

        var x = report.Columns.Single(c => c.Name == "x");
        Assert.True(x.Skipped);
        Assert.Contains("absent", x.Note, StringComparison.Ordinal);
        Assert.Equal(0, report.DriftedShare);
    }

    [Fact]
    public void Analyze_NewCategory_ChiSquareInfiniteStatisticDrifts()
    {
        var reference = Profile(Enumerable.Range(0, 50).Select(i => (double)i), ["a", "b", "c"]);
        var window = Window(reference, Enumerable.Range(0, 50).Select(i => (double)i), ["a", "b", "c", "d"]);

        var color = _analyzer.Analyze(reference, window, new DriftSettings(), Schema).Columns.Single(c => c.Name == "color");

        Assert.Equal(DriftMethod.ChiSquare, color.Method);
        Assert.Null(color.Statistic);
        Assert.Equal(0, color.PValue);
        Assert.True(color.Drifted);
        Assert.Contains("infinite", color.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_InvalidSettings_InvalidInput()
    {
        var reference = Profile([1, 2, 3], ["a"]);

        var error = Assert.Throws<ModelOpsException>(() => _analyzer.Analyze(reference, reference, new DriftSettings { Numeric = new KindDriftSettings { Method = "TVD" } }));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
    }

    [Fact]
    public void Report_Json_HasTheIssueShape()
    {
        var reference = Profile(Enumerable.Range(0, 500).Select(i => i / 10.0), ["red", "green"]);
        var window = Window(reference, Enumerable.Range(0, 400).Select(i => 20 + (i / 10.0)), ["red", "green"]);
        var report = _analyzer.Analyze(reference, window, new DriftSettings(), Schema) with
        {
            Id = "r1",
            Model = "churn",
            Version = 3,
            Window = new ReportWindow(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1)),
        };

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, ModelOpsJson.Options));

        var root = json.RootElement;
        foreach (var property in new[] { "id", "model", "version", "window", "referenceRows", "currentRows", "columns", "driftedShare", "datasetDrift", "dataQuality" })
        {
            Assert.True(root.TryGetProperty(property, out _), $"missing {property}");
        }

        var column = root.GetProperty("columns")[0];
        Assert.Equal("numeric", column.GetProperty("kind").GetString());
        Assert.Equal("ks", column.GetProperty("method").GetString());
        Assert.True(column.GetProperty("drifted").GetBoolean());
        Assert.Equal(0.05, column.GetProperty("threshold").GetDouble());
        Assert.True(column.TryGetProperty("statistic", out _) && column.TryGetProperty("pValue", out _));
        Assert.Equal("categorical", root.GetProperty("columns")[1].GetProperty("kind").GetString());
        Assert.Equal(DateTimeOffset.UnixEpoch, root.GetProperty("window").GetProperty("from").GetDateTimeOffset());
    }

    [Fact]
    public void Profile_Json_RoundTripsAndReadsTrainingBaselines()
    {
        var reference = Profile(Enumerable.Range(0, 300).Select(i => i % 7 * 1.5), ["red", "green", "blue"]);

        var back = JsonSerializer.Deserialize<DatasetProfile>(JsonSerializer.Serialize(reference, ModelOpsJson.Options), ModelOpsJson.Options)!;

        Assert.Equal(reference.Find("x")!.Numeric!.Values, back.Find("x")!.Numeric!.Values);
        Assert.Equal(reference.Find("color")!.Categorical!.Top, back.Find("color")!.Categorical!.Top);

        // The shape training's DataValidator writes today (statistics.json beside each version).
        const string baseline = """
            {"rowCount":4,"columns":[
             {"name":"x","type":"Numeric","count":3,"missing":1,"numeric":{"mean":2,"std":0.816496580927726,"min":1,"max":3,
               "sketch":{"k":200,"count":3,"min":1,"max":3,"levels":[[1,2,3]]},"histogram":{"min":1,"max":3,"counts":[1,1,1],"underflow":0,"overflow":0}}},
             {"name":"color","type":"Categorical","count":4,"missing":0,"categorical":{"top":[{"value":"red","count":3},{"value":"blue","count":1}],"otherCount":0,"distinctCount":2}}]}
            """;
        var legacy = JsonSerializer.Deserialize<DatasetProfile>(baseline, ModelOpsJson.Options)!;

        Assert.Equal(ColumnKind.Numeric, legacy.Find("x")!.Kind);
        Assert.Null(legacy.Find("x")!.Numeric!.Values);
        Assert.Equal(3, legacy.Find("x")!.Numeric!.Sketch.Count);
        var check = _analyzer.Analyze(legacy, legacy, new DriftSettings());
        Assert.True(check.Columns.Single(c => c.Name == "x").Approximate);
        Assert.False(check.DatasetDrift);
    }

    private static DatasetProfile Profile(IEnumerable<double> x, string[] colors)
    {
        var values = x.ToArray();
        return ProfileBuilder.Dataset(Schema, new Dictionary<string, string?[]>
        {
            ["x"] = values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray<string?>(),
            ["color"] = values.Select((_, i) => colors[i % colors.Length]).ToArray<string?>(),
            ["label"] = values.Select(_ => "yes").ToArray<string?>(),
        });
    }

    private DatasetProfile Window(DatasetProfile reference, IEnumerable<double> x, string[] colors)
    {
        var sketch = _analyzer.CreateWindow(reference, Schema, new DriftSettings());
        var values = x.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            sketch.Add(sketch.IndexOf("x"), values[i]);
            sketch.Add(sketch.IndexOf("color"), colors[i % colors.Length]);
        }

        return sketch.ToProfile();
    }
}
