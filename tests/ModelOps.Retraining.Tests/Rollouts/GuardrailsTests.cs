using ModelOps.Rollouts;

namespace ModelOps.Retraining.Tests.Rollouts;

public sealed class GuardrailsTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_TooFewCandidateRequests_JudgesNothing() =>
        Assert.Empty(Guardrails.Evaluate(GuardrailSettings.Default, Counters(10, 9, 1), Counters(1000, 0, 1), At));

    [Fact]
    public void Evaluate_ErrorRateAboveBaselinePlusAllowance_Breached()
    {
        var readings = Guardrails.Evaluate(GuardrailSettings.Default, Counters(90, 10, 1), Counters(990, 10, 1), At);

        var errors = Assert.Single(readings, r => r.Metric == Guardrails.ErrorRate);
        Assert.True(errors.Breached);
        Assert.Equal(0.1, errors.Candidate, 6);
        Assert.Equal(0.01, errors.Baseline, 6);
        Assert.Equal(0.03, errors.Limit, 6);
    }

    [Fact]
    public void Evaluate_SlowerWithinTheRatio_NotBreached_FarSlower_Breached()
    {
        Assert.DoesNotContain(Guardrails.Evaluate(GuardrailSettings.Default, Counters(100, 0, 12), Counters(100, 0, 10), At), r => r.Breached);

        var slow = Assert.Single(Guardrails.Evaluate(GuardrailSettings.Default, Counters(100, 0, 50), Counters(100, 0, 10), At), r => r.Breached);
        Assert.Equal(Guardrails.P99LatencyMs, slow.Metric);
    }

    [Theory]
    [InlineData("""{"version": 2, "strategy": "rainbow"}""", "'strategy'")]
    [InlineData("""{"version": 2, "percent": 0}""", "'percent'")]
    [InlineData("""{"version": 2, "bakeTime": "ten minutes"}""", "'bakeTime'")]
    [InlineData("""{"version": 2, "guardrails": {"psi": 0.2}}""", "'guardrails.psi' is not a guardrail")]
    [InlineData("""{"version": 2, "guardrails": {"maxErrorRateIncrease": 2}}""", "'guardrails.maxErrorRateIncrease'")]
    [InlineData("""{"strategy": "canary"}""", "'version' is required")]
    public void RolloutRequestParse_BadField_InvalidNamingIt(string json, string fragment)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        var error = Assert.Throws<ModelOps.Errors.ModelOpsException>(() => RolloutRequest.Parse(document.RootElement));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PlanSteps_Linear_EqualStepsEndingAtAll() =>
        Assert.Equal([30, 60, 90, 100], Rollout.PlanSteps(RolloutStrategy.Linear, 10, 30).Select(s => s.Percent));

    private static VersionCounters Counters(long requests, long errors, double latencyMs)
    {
        var buckets = new long[VersionCounters.BucketCount];
        buckets[VersionCounters.BucketOf(TimeSpan.FromMilliseconds(latencyMs))] = requests + errors;
        return new VersionCounters("m", 1, requests, errors, buckets);
    }
}
