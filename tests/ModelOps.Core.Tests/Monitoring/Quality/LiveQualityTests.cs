using ModelOps.Evaluation;
using ModelOps.Monitoring.Quality;

namespace ModelOps.Core.Tests.Monitoring.Quality;

public sealed class LiveQualityTests
{
    private static readonly string[] Classes = ["no", "yes"];

    [Fact]
    public void Classification_AsGoodAsTraining_NotDegraded()
    {
        var (labels, probabilities) = Window(40, wrongEvery: 0);

        var report = LiveQuality.Classification(labels, Classes, probabilities, Training(auc: 1.0));

        Assert.Equal(1.0, report.Metrics[MetricNames.Auc]);
        Assert.Equal(MetricNames.Auc, report.Metric);
        Assert.False(report.Degraded);
        Assert.Equal(0, report.Drop!.Value, 12);
    }

    [Fact]
    public void Classification_AccuracyFallsBeyondMaxDrop_Degraded()
    {
        var (labels, probabilities) = Window(40, wrongEvery: 4);

        var report = LiveQuality.Classification(labels, Classes, probabilities, Training(auc: 0.99, accuracy: 0.95), new LiveQualitySettings { Metric = MetricNames.Accuracy, MaxDrop = 0.1 });

        Assert.Equal(0.75, report.Metrics[MetricNames.Accuracy], 12);
        Assert.True(report.Degraded);
        Assert.Equal(0.2, report.Drop!.Value, 12);
        Assert.Contains("worse than", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Classification_FewRows_ReportedNotJudged()
    {
        var (labels, probabilities) = Window(10, wrongEvery: 2);

        var report = LiveQuality.Classification(labels, Classes, probabilities, Training(auc: 0.99, accuracy: 0.99), new LiveQualitySettings { Metric = MetricNames.Accuracy });

        Assert.False(report.Degraded);
        Assert.Contains("at least 30", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Regression_RmseRises_Degraded()
    {
        var actual = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        var predicted = actual.Select(a => a + 1).ToArray();

        var report = LiveQuality.Regression(actual, predicted, new MetricSet([new(MetricNames.Rmse, 0.5)]), new LiveQualitySettings { MaxDrop = 0.25 });

        Assert.Equal(1.0, report.Metrics[MetricNames.Rmse], 12);
        Assert.Equal(1.0, report.Metrics[MetricNames.Mae], 12);
        Assert.True(report.Degraded);
    }

    [Fact]
    public void Classification_NoTrainingMetric_NotDegraded()
    {
        var (labels, probabilities) = Window(40, wrongEvery: 2);

        var report = LiveQuality.Classification(labels, Classes, probabilities, training: null);

        Assert.False(report.Degraded);
        Assert.Null(report.Drop);
    }

    private static MetricSet Training(double auc, double accuracy = 0.9) =>
        new([new(MetricNames.Auc, auc), new(MetricNames.Accuracy, accuracy)]);

    /// <summary>Alternating labels predicted confidently; every <paramref name="wrongEvery"/>-th row predicted wrong (0: none).</summary>
    private static (string[] Labels, double[][] Probabilities) Window(int rows, int wrongEvery)
    {
        var labels = Enumerable.Range(0, rows).Select(i => i % 2 == 0 ? "no" : "yes").ToArray();
        var probabilities = labels.Select((label, i) =>
        {
            var right = wrongEvery == 0 || i % wrongEvery != 0;
            var yes = (label == "yes") == right ? 0.9 : 0.1;
            return new[] { 1 - yes, yes };
        }).ToArray();
        return (labels, probabilities);
    }
}
