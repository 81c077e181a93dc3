using ModelOps.Monitoring.Checks;
using ModelOps.Monitoring.Drift;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Sketches;
using ModelOps.Monitoring.Tests.Capture;
using ModelOps.Testing;

namespace ModelOps.Monitoring.Tests.Checks;

[Collection(AzuriteCollection.Name)]
public sealed class CapturedWindowTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);

    private static readonly MonitoringSchema Schema = new()
    {
        Columns =
        [
            new MonitoredColumn { Name = "x", Kind = ColumnKind.Numeric },
            new MonitoredColumn { Name = "color", Kind = ColumnKind.Categorical },
            new MonitoredColumn { Name = "prediction.label", Kind = ColumnKind.Numeric },
        ],
    };

    [Fact]
    public async Task Read_WindowAcrossHoursAndFiles_FeedsExactlyTheRowsInsideIt()
    {
        var services = new MonitoringTestServices(azurite);
        using var capture = services.Capture();
        var random = new Random(3);
        var expected = new List<float>();
        for (var i = 0; i < 240; i++)
        {
            var time = T0.AddMinutes(i); // 08:30 to 12:29, four hours of files
            var x = (float)random.NextDouble();
            capture.OnInferred(CaptureRecords.Rows($"r{i}", time, [x], [i % 3 == 0 ? "red" : "blue"]));
            if (i >= 45 && i < 200)
            {
                expected.Add(x);
            }

            if (i % 50 == 0)
            {
                await capture.FlushAsync(); // several files per hour
            }
        }

        await capture.FlushAsync();
        var sketch = new DatasetSketch(Schema);
        var window = new ReportWindow(T0.AddMinutes(45), T0.AddMinutes(200));

        var (rows, joined) = await CapturedWindow.ReadAsync(
            services.Captures, "m", 1, window, sketch, PredictionColumns.Of(CaptureRecords.Version()), new Dictionary<string, FeedbackLabel>(), CancellationToken.None);

        var profile = sketch.ToProfile();
        Assert.Equal(155, rows);
        Assert.Equal(155, profile.RowCount);
        Assert.Empty(joined);
        var column = profile.Find("x")!;
        Assert.Equal(expected.Average(v => (double)v), column.Numeric!.Mean, 12);
        Assert.Equal(expected.Count, column.Count);
        var colors = profile.Find("color")!.Categorical!.Top.ToDictionary(c => c.Value, c => c.Count);
        Assert.Equal(155, colors.Values.Sum());
        Assert.Equal(expected.Count(v => v > 0), profile.Find("prediction.label")!.Numeric!.Values!.Single(v => v.Value == 1).Count);
    }

    [Fact]
    public async Task Read_WithLabels_JoinsThemToTheirRowsProbabilities()
    {
        var services = new MonitoringTestServices(azurite);
        using var capture = services.Capture();
        capture.OnInferred(CaptureRecords.Rows("a", T0, [1f, -1f], ["red", "blue"]));
        capture.OnInferred(CaptureRecords.Rows("b", T0.AddMinutes(1), [-2f], ["red"]));
        await capture.FlushAsync();
        var labels = new[] { new FeedbackLabel("a", 1, "0", null, T0), new FeedbackLabel("b", 0, "1", null, T0), new FeedbackLabel("zzz", 0, "1", null, T0) }
            .ToDictionary(l => FeedbackLabel.JoinKey(l.Id, l.Row));

        var (_, joined) = await CapturedWindow.ReadAsync(
            services.Captures, "m", 1, new ReportWindow(T0, T0.AddHours(1)), new DatasetSketch(Schema), PredictionColumns.Of(CaptureRecords.Version()), labels, CancellationToken.None);

        Assert.Equal(2, joined.Count);
        var a = joined.Single(j => j.Label.Id == "a");
        Assert.Equal(0.8, a.Probabilities!["0"], 6);
        Assert.Equal(0.2, a.Probabilities["1"], 6);
    }
}
