using System.Globalization;
using ModelOps.Evaluation;

namespace ModelOps.Monitoring.Quality;

/// <summary>
/// Live quality from labels joined to predictions: the window's metrics, computed by <see cref="ClassificationMetrics"/>
/// (accuracy, F1 — binary of the positive class or macro for multiclass — ROC-AUC, …) or <see cref="RegressionMetrics"/>
/// (RMSE, MAE, R²), compared with the version's training metrics on one metric.
/// </summary>
public static class LiveQuality
{
    /// <summary>Judges a classifier's window: labels, the class names in probability-column order, and per-row probabilities.</summary>
    public static LiveQualityReport Classification(
        IReadOnlyList<string> labels,
        IReadOnlyList<string> classes,
        IReadOnlyList<IReadOnlyList<double>> probabilities,
        MetricSet? training,
        LiveQualitySettings? settings = null)
    {
        settings ??= new LiveQualitySettings();
        var metrics = ClassificationMetrics.Compute(labels, classes, probabilities);
        return Judge(labels.Count, metrics, training, settings.Metric ?? MetricNames.Auc, settings);
    }

    /// <summary>Judges a regressor's window: the true values and the predictions, row for row.</summary>
    public static LiveQualityReport Regression(IReadOnlyList<double> actual, IReadOnlyList<double> predicted, MetricSet? training, LiveQualitySettings? settings = null)
    {
        settings ??= new LiveQualitySettings();
        var metrics = RegressionMetrics.Compute(actual, predicted);
        return Judge(actual.Count, metrics, training, settings.Metric ?? MetricNames.Rmse, settings);
    }

    private static LiveQualityReport Judge(int rows, MetricSet metrics, MetricSet? training, string metric, LiveQualitySettings settings)
    {
        var higherIsBetter = MetricNames.IsHigherBetter(metric);
        var report = new LiveQualityReport { Rows = rows, Metrics = metrics, Training = training, Metric = metric, Degraded = false, Reason = string.Empty };
        if (!metrics.TryGetValue(metric, out var live) || double.IsNaN(live))
        {
            return report with { Reason = $"The window's {metric} is undefined (for example a single class among the labels)." };
        }

        if (training is null || !training.TryGetValue(metric, out var trained) || double.IsNaN(trained))
        {
            return report with { Reason = $"There is no training {metric} to compare the window's {Format(live)} with." };
        }

        var drop = higherIsBetter ? trained - live : live - trained;
        report = report with { Drop = drop };
        if (rows < settings.MinRows)
        {
            return report with { Reason = $"Only {rows} labelled rows (at least {settings.MinRows} are needed to judge); {metric} {Format(live)} against {Format(trained)} in training." };
        }

        return drop > settings.MaxDrop
            ? report with { Degraded = true, Reason = $"{metric} is {Format(live)}, {Format(drop)} worse than {Format(trained)} in training; at most {Format(settings.MaxDrop)} is allowed." }
            : report with { Reason = $"{metric} is {Format(live)} against {Format(trained)} in training, within the allowed {Format(settings.MaxDrop)}." };
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
