namespace ModelOps.Rollouts;

/// <summary>One guardrail evaluated over one period: the candidate's number, the baseline's, the limit, and whether it was breached.</summary>
/// <param name="Metric"><c>errorRate</c> or <c>p99LatencyMs</c>.</param>
/// <param name="Candidate">The candidate's value over the period.</param>
/// <param name="Baseline">The baseline's value over the same period.</param>
/// <param name="Limit">The largest candidate value allowed.</param>
/// <param name="Breached">Whether the candidate passed the limit.</param>
/// <param name="CandidateRequests">How many requests the candidate's number is based on.</param>
/// <param name="At">When it was evaluated.</param>
public sealed record GuardrailReading(
    string Metric,
    double Candidate,
    double Baseline,
    double Limit,
    bool Breached,
    long CandidateRequests,
    DateTimeOffset At);
