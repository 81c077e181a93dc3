using System.Text.Json;
using ModelOps.Monitoring;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;
using ModelOps.Testing;
using Xunit.Abstractions;

namespace ModelOps.Core.Tests.Monitoring.Integration;

/// <summary>
/// Issue 12, item 9, on the shared public data: NannyML's Titanic reference against its analysis period, and the first
/// against the last month of Elec2. The analyzer's numbers (default settings) must equal what
/// <c>Reference/real_data_reference.py</c> computes with scipy for Evidently's defaults (committed as
/// <c>real_data_reference.json</c>), and it must flag drift on exactly the columns scipy's classical tests
/// (ks_2samp / chi2_contingency at 0.05) flag. Random halves of one month must almost never drift.
/// </summary>
public sealed class RealDataDriftTests(ITestOutputHelper output)
{
    private static readonly (string Name, ColumnKind Kind)[] TitanicColumns =
    [
        ("Pclass", ColumnKind.Numeric), ("Sex", ColumnKind.Categorical), ("Age", ColumnKind.Numeric), ("SibSp", ColumnKind.Numeric),
        ("Parch", ColumnKind.Numeric), ("Fare", ColumnKind.Numeric), ("Embarked", ColumnKind.Categorical),
    ];

    private static readonly (string Name, ColumnKind Kind)[] ElecColumns =
    [
        ("feat_1", ColumnKind.Numeric), ("feat_2", ColumnKind.Numeric), ("feat_3", ColumnKind.Numeric), ("feat_4", ColumnKind.Numeric),
        ("feat_5", ColumnKind.Numeric), ("feat_6", ColumnKind.Numeric), ("target", ColumnKind.Categorical),
    ];

    private readonly DriftAnalyzer _analyzer = new();

    [Fact]
    public void Analyze_TitanicReferenceVsAnalysis_MatchesScipy()
    {
        var reference = CsvTable.Read(Tabular("nannyml_titanic_reference.csv"));
        var analysis = CsvTable.Read(Tabular("nannyml_titanic_analysis.csv"));

        var report = Check(TitanicColumns, reference, reference.Rows, analysis, analysis.Rows, new SketchOptions());

        AssertMatches(report, Expected("titanic reference vs analysis"));
    }

    [Fact]
    public void Analyze_ElecFirstVsLastMonth_MatchesScipy()
    {
        var elec = CsvTable.Read(Tabular("skmultiflow_elec.csv"));
        var month = ReferenceJson().GetProperty("elecMonthRows").GetInt32();

        var report = Check(ElecColumns, elec, elec.Rows.Take(month), elec, elec.Rows.TakeLast(month), new SketchOptions());

        AssertMatches(report, Expected("elec first vs last month"));
    }

    [Fact]
    public void Analyze_TitanicWindowSketched_KsStillExact()
    {
        // The window keeps at most 10 distinct values exactly, so Age and Fare are sketched there; KS counts the window
        // around the reference's exact values and stays equal to scipy's.
        var reference = CsvTable.Read(Tabular("nannyml_titanic_reference.csv"));
        var analysis = CsvTable.Read(Tabular("nannyml_titanic_analysis.csv"));

        var report = Check(TitanicColumns, reference, reference.Rows, analysis, analysis.Rows, new SketchOptions { ExactCap = 10 });

        var expected = Expected("titanic reference vs analysis");
        foreach (var name in new[] { "Age", "Fare" })
        {
            var column = report.Columns.Single(c => c.Name == name);
            var want = expected.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
            Assert.Equal(DriftMethod.Ks, column.Method);
            Assert.False(column.Approximate);
            Assert.Equal(want.GetProperty("statistic").GetDouble(), column.Statistic!.Value, 1e-12);
            Assert.Equal(want.GetProperty("pValue").GetDouble(), column.PValue!.Value, 1e-9);
        }
    }

    [Fact]
    public void Analyze_ElecBothSidesSketched_WassersteinWithinSketchError()
    {
        // Both months keep at most 10 distinct values exactly, so the normed Wasserstein comes from the two KLL sketches
        // (about 1.4k values each: the sketch holds most of them). The drift decisions stay scipy's.
        var elec = CsvTable.Read(Tabular("skmultiflow_elec.csv"));
        var month = ReferenceJson().GetProperty("elecMonthRows").GetInt32();

        var sketched = new SketchOptions { ExactCap = 10 };
        var report = Check(ElecColumns, elec, elec.Rows.Take(month), elec, elec.Rows.TakeLast(month), sketched, sketched);

        foreach (var want in Expected("elec first vs last month").GetProperty("columns").EnumerateArray().Where(c => c.GetProperty("method").GetString() == "wasserstein"))
        {
            var column = report.Columns.Single(c => c.Name == want.GetProperty("name").GetString());
            var exact = want.GetProperty("statistic").GetDouble();
            output.WriteLine($"{column.Name}: sketched {column.Statistic:G6}, exact {exact:G6}, approximate {column.Approximate}");
            Assert.True(column.Approximate);
            Assert.Equal(exact, column.Statistic!.Value, Math.Max(0.02 * exact, 0.01));
            Assert.Equal(want.GetProperty("scipyDrifted").GetBoolean(), column.Drifted);
        }
    }

    [Fact]
    public void Analyze_TwentyRandomHalvesOfOneMonth_DatasetDriftAtMostOnce()
    {
        var elec = CsvTable.Read(Tabular("skmultiflow_elec.csv"));
        var month = elec.Rows.Take(ReferenceJson().GetProperty("elecMonthRows").GetInt32()).ToArray();
        var random = new Random(20_261_204);
        var flagged = 0;
        for (var split = 0; split < 20; split++)
        {
            var shuffled = month.OrderBy(_ => random.Next()).ToArray();
            var half = shuffled.Length / 2;

            var report = Check(ElecColumns, elec, shuffled.Take(half), elec, shuffled.Skip(half), new SketchOptions());

            flagged += report.DatasetDrift ? 1 : 0;
            output.WriteLine($"split {split}: {report.DriftedColumns} of {report.Columns.Count} columns drifted ({string.Join(", ", report.Columns.Where(c => c.Drifted).Select(c => c.Name))})");
        }

        Assert.InRange(flagged, 0, 1);
    }

    private DriftReport Check((string Name, ColumnKind Kind)[] columns, CsvTable referenceTable, IEnumerable<string[]> referenceRows, CsvTable currentTable, IEnumerable<string[]> currentRows, SketchOptions options, SketchOptions? referenceOptions = null)
    {
        var schema = new MonitoringSchema { Columns = columns.Select(c => new MonitoredColumn { Name = c.Name, Kind = c.Kind }).ToArray() };
        var settings = new DriftSettings { Sketch = options };
        var referenceSketch = new DatasetSketch(schema, referenceOptions ?? new SketchOptions());
        Feed(referenceSketch, referenceTable, referenceRows.ToArray());
        var reference = referenceSketch.ToProfile();
        var window = _analyzer.CreateWindow(reference, schema, settings);
        Feed(window, currentTable, currentRows.ToArray());
        return _analyzer.Analyze(reference, window.ToProfile(), settings, schema);
    }

    private static void Feed(DatasetSketch sketch, CsvTable table, string[][] rows)
    {
        foreach (var column in sketch.Columns)
        {
            var index = sketch.IndexOf(column.Name);
            foreach (var value in table.Column(column.Name, rows))
            {
                sketch.Add(index, value);
            }
        }
    }

    private void AssertMatches(DriftReport report, JsonElement expected)
    {
        foreach (var want in expected.GetProperty("columns").EnumerateArray())
        {
            var name = want.GetProperty("name").GetString()!;
            var column = report.Columns.Single(c => c.Name == name);
            output.WriteLine($"{name}: {DriftMethods.Name(column.Method)} statistic {column.Statistic:G6} p {column.PValue:G6} drifted {column.Drifted}; scipy {want.GetProperty("scipyTest").GetString()} p {want.GetProperty("scipyPValue").GetDouble():G6}");
            Assert.Equal(want.GetProperty("method").GetString(), DriftMethods.Name(column.Method));
            Assert.False(column.Approximate);
            Assert.Equal(want.GetProperty("statistic").GetDouble(), column.Statistic!.Value, 1e-6);
            if (want.GetProperty("pValue").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal(want.GetProperty("pValue").GetDouble(), column.PValue!.Value, 1e-6);
            }

            Assert.Equal(want.GetProperty("threshold").GetDouble(), column.Threshold);
            Assert.Equal(want.GetProperty("drifted").GetBoolean(), column.Drifted);
            Assert.Equal(want.GetProperty("scipyDrifted").GetBoolean(), column.Drifted);
        }

        Assert.Equal(expected.GetProperty("driftedShare").GetDouble(), report.DriftedShare, 1e-12);
        Assert.Equal(expected.GetProperty("datasetDrift").GetBoolean(), report.DatasetDrift);
    }

    private static JsonElement Expected(string name) =>
        ReferenceJson().GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static JsonElement ReferenceJson()
    {
        var path = Path.Combine(RepositoryPaths.RepoRoot, "tests", "ModelOps.Core.Tests", "Monitoring", "Reference", "real_data_reference.json");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static string Tabular(string file) => Path.Combine(RepositoryPaths.SharedData, "tabular", file);
}
