namespace ModelOps.Rollouts;

/// <summary>Compares a candidate's numbers of a period with the baseline's of the same period (pure, so orchestrations may call it).</summary>
public static class Guardrails
{
    public const string ErrorRate = "errorRate";
    public const string P99LatencyMs = "p99LatencyMs";
    public const string PredictionPsi = "predictionPsi";
    public const string Quality = "quality";

    /// <summary>How unlikely the candidate's count of answers slower than the latency limit must be, were it within it.</summary>
    public const double LatencySignificance = 0.001;

    /// <summary>The readings of every guardrail; none when the candidate answered too few requests to judge.</summary>
    public static IReadOnlyList<GuardrailReading> Evaluate(GuardrailSettings settings, VersionCounters candidate, VersionCounters baseline, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        if (candidate.Total < settings.MinRequests)
        {
            return [];
        }

        var errorLimit = baseline.ErrorRate + settings.MaxErrorRateIncrease;
        var readings = new List<GuardrailReading>
        {
            new(ErrorRate, candidate.ErrorRate, baseline.ErrorRate, errorLimit, candidate.ErrorRate > errorLimit, candidate.Total, at, baseline.Total),
        };
        if (candidate.Percentile(0.99) is { } candidateP99 && baseline.Percentile(0.99) is { } baselineP99)
        {
            var limit = (baselineP99.TotalMilliseconds * settings.MaxLatencyRatio) + settings.LatencySlackMs;
            var (breached, note) = LatencyBreach(candidate, candidateP99.TotalMilliseconds, limit);
            readings.Add(new(P99LatencyMs, candidateP99.TotalMilliseconds, baselineP99.TotalMilliseconds, limit, breached, candidate.Total, at, baseline.Total, Note: note));
        }

        return readings;
    }

    /// <summary>
    /// Whether a candidate whose p99 passed the limit is really slower. Of a few hundred requests the p99 is the third or
    /// fourth slowest, so one stall of the host (a collection, a neighbour) lifts it past any limit while the baseline's
    /// larger sample absorbs the same stall. A candidate no slower than the limit answers at most 1 % of its requests
    /// slower than it; a breach needs more slow answers than that explains: a binomial test at
    /// <see cref="LatencySignificance"/>.
    /// </summary>
    private static (bool Breached, string Note) LatencyBreach(VersionCounters candidate, double candidateP99, double limit)
    {
        var answered = candidate.LatencyBuckets.Sum();
        var slower = candidate.CountSlowerThan(TimeSpan.FromMilliseconds(limit));
        var chance = Binomial.UpperTail(answered, slower, 0.01);
        var breached = candidateP99 > limit && chance < LatencySignificance;
        return (breached, Text($"{slower} of {answered} candidate requests were slower than the limit; a candidate within it answers at most 1 % so (chance of this many: {chance:G3}, a breach below {LatencySignificance:G3})."));
    }

    /// <summary>
    /// The readings of the prediction guardrails over a step: distribution shift (PSI, judged once both sides captured
    /// <see cref="GuardrailSettings.MinRequests"/> predictions) and live quality (judged once both sides have
    /// <see cref="GuardrailSettings.MinLabels"/> joined labels). Each is always reported: skipped, with the reason, when it
    /// cannot judge.
    /// </summary>
    public static IReadOnlyList<GuardrailReading> Compare(GuardrailSettings settings, PredictionComparison comparison, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(comparison);
        var c = comparison;
        GuardrailReading psi;
        if (c.Psi is not { } value)
        {
            psi = Skip(PredictionPsi, c.CandidateRows, c.BaselineRows, c.PsiNote ?? "The PSI of the predictions could not be computed.");
        }
        else if (c.CandidateRows < settings.MinRequests || c.BaselineRows < settings.MinRequests)
        {
            psi = Skip(PredictionPsi, c.CandidateRows, c.BaselineRows, Text($"Too few captured predictions to judge: {c.CandidateRows} of the candidate and {c.BaselineRows} of the baseline (at least {settings.MinRequests} each)."));
        }
        else
        {
            psi = new(PredictionPsi, value, 0, settings.MaxPsi, value > settings.MaxPsi, c.CandidateRows, at, c.BaselineRows, Note: Text($"PSI of the candidate's '{c.Column}' against the baseline's."));
        }

        GuardrailReading quality;
        if (c.CandidateLabels == 0 && c.BaselineLabels == 0)
        {
            quality = Skip(Quality, 0, 0, "No labels: no feedback joined to either version's predictions in the period.");
        }
        else if (c.CandidateQuality is not { } candidate || c.BaselineQuality is not { } baseline || c.QualityMetric is not { } metric)
        {
            quality = Skip(Quality, c.CandidateLabels, c.BaselineLabels, c.QualityNote ?? "The quality metric is undefined on a side.");
        }
        else if (c.CandidateLabels < settings.MinLabels || c.BaselineLabels < settings.MinLabels)
        {
            quality = Skip(Quality, c.CandidateLabels, c.BaselineLabels, Text($"Too few labels to judge {metric}: {c.CandidateLabels} for the candidate and {c.BaselineLabels} for the baseline (at least {settings.MinLabels} each)."));
        }
        else
        {
            var higherIsBetter = Evaluation.MetricNames.IsHigherBetter(metric);
            var drop = higherIsBetter ? baseline - candidate : candidate - baseline;
            var limit = higherIsBetter ? baseline - settings.MaxQualityDrop : baseline + settings.MaxQualityDrop;
            quality = new(Quality, candidate, baseline, limit, drop > settings.MaxQualityDrop, c.CandidateLabels, at, c.BaselineLabels, Note: Text($"{metric} from feedback labels ({(higherIsBetter ? "higher" : "lower")} is better)."));
        }

        return [psi, quality];

        GuardrailReading Skip(string metric, long candidateCount, long baselineCount, string note) =>
            new(metric, 0, 0, 0, false, candidateCount, at, baselineCount, Skipped: true, Note: note);
    }

    private static string Text(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
