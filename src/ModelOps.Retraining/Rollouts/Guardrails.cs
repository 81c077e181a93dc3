namespace ModelOps.Rollouts;

/// <summary>Compares a candidate's numbers of a period with the baseline's of the same period (pure, so orchestrations may call it).</summary>
public static class Guardrails
{
    public const string ErrorRate = "errorRate";
    public const string P99LatencyMs = "p99LatencyMs";

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
            new(ErrorRate, candidate.ErrorRate, baseline.ErrorRate, errorLimit, candidate.ErrorRate > errorLimit, candidate.Total, at),
        };
        if (candidate.Percentile(0.99) is { } candidateP99 && baseline.Percentile(0.99) is { } baselineP99)
        {
            var limit = (baselineP99.TotalMilliseconds * settings.MaxLatencyRatio) + settings.LatencySlackMs;
            readings.Add(new(P99LatencyMs, candidateP99.TotalMilliseconds, baselineP99.TotalMilliseconds, limit, candidateP99.TotalMilliseconds > limit, candidate.Total, at));
        }

        return readings;
    }
}
