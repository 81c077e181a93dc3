using ModelOps.Evaluation;
using ModelOps.Monitoring.Feedback;
using ModelOps.Monitoring.Quality;
using ModelOps.Monitoring.Drift;

namespace ModelOps.Monitoring.Checks;

/// <summary>
/// Live quality from feedback: the labels that may belong to a window's predictions, and the quality of the predictions
/// they joined (monitoring checks and rollout guardrails alike).
/// </summary>
internal static class FeedbackJoin
{
    /// <summary>The labels received from the window's start until <paramref name="lookback"/> after it, by join key.</summary>
    public static async Task<Dictionary<string, FeedbackLabel>> LoadLabelsAsync(IFeedbackStore feedback, string model, ReportWindow window, TimeSpan lookback, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, FeedbackLabel>(StringComparer.Ordinal);
        var until = window.From + lookback;
        await foreach (var label in feedback.ListAsync(model, window.From, cancellationToken).ConfigureAwait(false))
        {
            if (label.ReceivedAt < until)
            {
                labels[FeedbackLabel.JoinKey(label.Id, label.Row)] = label;
            }
        }

        return labels;
    }

    /// <summary>
    /// The quality of the joined predictions (classifiers: labels against probabilities; regressors: values), judged
    /// against <paramref name="reference"/>'s metrics when given; null when no joined prediction can be scored.
    /// </summary>
    public static LiveQualityReport? Judge(IReadOnlyList<JoinedPrediction> joined, PredictionColumns predictions, MetricSet? reference, LiveQualitySettings settings)
    {
        if (joined.Count == 0)
        {
            return null;
        }

        if (predictions.IsClassifier)
        {
            var rows = joined.Where(j => j.Probabilities is { Count: > 0 } && j.Label.Text is not null).ToList();
            if (rows.Count == 0)
            {
                return null;
            }

            var classes = predictions.Classes?.ToList() ?? rows.SelectMany(r => r.Probabilities!.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var probabilities = rows.Select(r => (IReadOnlyList<double>)classes.Select(c => r.Probabilities!.GetValueOrDefault(c)).ToArray()).ToList();
            return LiveQuality.Classification(rows.Select(r => r.Label.Text!).ToList(), classes, probabilities, reference, settings);
        }

        var values = joined.Where(j => j.Value is not null && j.Label.Number is not null).ToList();
        return values.Count == 0
            ? null
            : LiveQuality.Regression(values.Select(v => v.Label.Number!.Value).ToList(), values.Select(v => v.Value!.Value).ToList(), reference, settings);
    }
}
