namespace ModelOps.Rollouts;

/// <summary>
/// One guardrail evaluated over one period: the candidate's number, the baseline's, the limit, and whether it was
/// breached. A guardrail that could not judge (too few predictions, no feedback labels) is <see cref="Skipped"/> with a
/// <see cref="Note"/> saying why, its numbers 0.
/// </summary>
/// <param name="Metric"><c>errorRate</c>, <c>p99LatencyMs</c>, <c>predictionPsi</c> (the candidate's number is the PSI
/// of its predictions against the baseline's, the baseline's 0) or <c>quality</c> (the metric in <see cref="Note"/>).</param>
/// <param name="Candidate">The candidate's value over the period.</param>
/// <param name="Baseline">The baseline's value over the same period.</param>
/// <param name="Limit">The value the candidate may not pass (the largest allowed; for a higher-is-better quality metric, the smallest).</param>
/// <param name="Breached">Whether the candidate passed the limit.</param>
/// <param name="CandidateRequests">How many requests (captured predictions, joined labels) the candidate's number is based on.</param>
/// <param name="At">When it was evaluated.</param>
/// <param name="BaselineRequests">How many the baseline's number is based on.</param>
/// <param name="Skipped">Whether the guardrail could not judge this period.</param>
/// <param name="Note">What was compared, or why it was skipped.</param>
public sealed record GuardrailReading(
    string Metric,
    double Candidate,
    double Baseline,
    double Limit,
    bool Breached,
    long CandidateRequests,
    DateTimeOffset At,
    long BaselineRequests = 0,
    bool Skipped = false,
    string? Note = null);
