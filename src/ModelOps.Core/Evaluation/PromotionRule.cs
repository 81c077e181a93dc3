using System.Globalization;

namespace ModelOps.Evaluation;

/// <summary>
/// When a candidate model may replace the champion (TFX's "blessing"): an absolute threshold and an allowed change
/// against the champion on one metric. The configuration shape is <c>{"minimum":0.75,"maxDrop":0.005}</c>.
/// <para>For a higher-is-better metric (auc, accuracy, f1, precision, recall, prAuc, r2) the candidate must reach
/// <see cref="Minimum"/> (value ≥ minimum) and may be at most <see cref="MaxDrop"/> below the champion.
/// For a lower-is-better metric (logLoss, rmse, mae) <see cref="Minimum"/> is the worst acceptable value
/// (value ≤ minimum) and <see cref="MaxDrop"/> the largest allowed increase over the champion.</para>
/// <para>Comparisons allow 1e-12 of floating-point slack, so a change of exactly <see cref="MaxDrop"/> passes.</para>
/// </summary>
public sealed record PromotionRule
{
    private const double Slack = 1e-12;

    /// <summary>The threshold the candidate must reach; null: no absolute threshold.</summary>
    public double? Minimum { get; init; }

    /// <summary>How much worse than the champion the candidate may be (≥ 0); null means 0: it must be at least as good.</summary>
    public double? MaxDrop { get; init; }

    /// <summary>
    /// Whether a candidate that exactly ties the champion on the metric is promoted. Default false: a retrained model
    /// that is no better replaces nothing. A positive <see cref="MaxDrop"/> accepts ties too (it accepts worse).
    /// </summary>
    public bool PromoteOnTie { get; init; }

    /// <summary>
    /// Decides whether <paramref name="candidate"/> replaces <paramref name="champion"/> on <paramref name="metric"/>.
    /// No champion (first model), or a champion that lacks the metric or has it NaN, is compared with the threshold only.
    /// A candidate that lacks the metric, or has it NaN (undefined on the hold-out), is rejected.
    /// Throws <see cref="ArgumentException"/> for an unknown metric name or a negative <see cref="MaxDrop"/>.
    /// </summary>
    public PromotionDecision Decide(string metric, MetricSet candidate, MetricSet? champion)
    {
        ArgumentException.ThrowIfNullOrEmpty(metric);
        ArgumentNullException.ThrowIfNull(candidate);
        var higherIsBetter = MetricNames.IsHigherBetter(metric);
        if (MaxDrop is { } drop && (drop < 0 || double.IsNaN(drop)))
        {
            throw new ArgumentException($"maxDrop must be zero or more, not {Format(drop)}.", nameof(metric));
        }

        if (Minimum is { } floor && !double.IsFinite(floor))
        {
            throw new ArgumentException($"minimum must be a finite number, not {Format(floor)}.", nameof(metric));
        }

        double? championValue = champion is not null && champion.TryGetValue(metric, out var c) && !double.IsNaN(c) ? c : null;
        if (!candidate.TryGetValue(metric, out var value) || double.IsNaN(value))
        {
            return Decision(double.NaN, PromotionOutcome.Reject,
                $"The candidate has no defined {metric} on the hold-out rows (for example a single class among the labels), so it cannot be judged.");
        }

        if (Minimum is { } minimum && (higherIsBetter ? value < minimum - Slack : value > minimum + Slack))
        {
            return Decision(value, PromotionOutcome.Reject, higherIsBetter
                ? $"The candidate's {metric} {Format(value)} is below the minimum {Format(minimum)}."
                : $"The candidate's {metric} {Format(value)} is above the allowed maximum {Format(minimum)} (lower is better).");
        }

        var threshold = Minimum is { } m ? $" meets the threshold {Format(m)}" : " has no threshold to meet";
        if (championValue is not { } championMetric)
        {
            return Decision(value, PromotionOutcome.Promote, champion is null
                ? $"There is no champion; the candidate's {metric} {Format(value)}{threshold}."
                : $"The champion has no defined {metric}; the candidate's {metric} {Format(value)}{threshold}.");
        }

        var allowed = MaxDrop ?? 0;
        var worsening = higherIsBetter ? championMetric - value : value - championMetric;
        if (worsening > allowed + Slack)
        {
            return Decision(value, PromotionOutcome.Reject, higherIsBetter
                ? $"The candidate's {metric} {Format(value)} is {Format(worsening)} below the champion's {Format(championMetric)}; the rule allows a drop of at most {Format(allowed)}."
                : $"The candidate's {metric} {Format(value)} is {Format(worsening)} above the champion's {Format(championMetric)}; the rule allows an increase of at most {Format(allowed)} (lower is better).");
        }

        if (Math.Abs(worsening) <= Slack && !PromoteOnTie && allowed <= Slack)
        {
            return Decision(value, PromotionOutcome.Reject,
                $"The candidate's {metric} {Format(value)} ties the champion's {Format(championMetric)}; a tie does not replace the champion (set promotion.promoteOnTie, or a positive promotion.maxDrop, to promote ties).");
        }

        var comparison = worsening <= 0
            ? $"at least as good as the champion's {Format(championMetric)}"
            : $"within the allowed {(higherIsBetter ? "drop" : "increase")} of {Format(allowed)} from the champion's {Format(championMetric)}";
        return Decision(value, PromotionOutcome.Promote, $"The candidate's {metric} {Format(value)}{threshold} and is {comparison}.");

        PromotionDecision Decision(double candidateValue, PromotionOutcome outcome, string reason) =>
            new(this, metric, candidateValue, championValue, outcome, reason);
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
