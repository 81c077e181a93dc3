namespace ModelOps.Rollouts;

/// <summary>
/// The limits a candidate must stay within against its baseline, over each evaluation period of a bake time.
/// Defaults: error rate at most 2 percentage points above the baseline's, p99 latency at most 1.5 times the baseline's
/// plus 5 ms, judged once the candidate has answered at least 20 requests in the period.
/// </summary>
public sealed record GuardrailSettings
{
    public static GuardrailSettings Default { get; } = new();

    /// <summary>How far the candidate's error rate may exceed the baseline's (0-1). Default 0.02.</summary>
    public double MaxErrorRateIncrease { get; init; } = 0.02;

    /// <summary>The candidate's p99 latency may be at most this times the baseline's (plus <see cref="LatencySlackMs"/>). Default 1.5.</summary>
    public double MaxLatencyRatio { get; init; } = 1.5;

    /// <summary>Absolute slack on the latency limit, so microsecond-fast models do not trip on noise. Default 5 ms.</summary>
    public double LatencySlackMs { get; init; } = 5;

    /// <summary>Fewer candidate requests than this in a period judge nothing. Default 20.</summary>
    public int MinRequests { get; init; } = 20;
}
