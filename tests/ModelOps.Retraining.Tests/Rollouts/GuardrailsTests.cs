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

    [Fact]
    public void Evaluate_AFewStalledRequests_NotBreached_ManySlow_Breached()
    {
        // The bench's false rollback: 271 candidate requests, three caught in a half-second host stall, lift its p99
        // to 546 ms against the baseline's 25 ms; a candidate within the limit answers 1 % slowly by definition.
        var baseline = Counters(10_000, 0, 20);
        var stalled = Counters(268, 0, 20).Plus(Counters(3, 0, 546));
        var reading = Assert.Single(Guardrails.Evaluate(GuardrailSettings.Default, stalled, baseline, At), r => r.Metric == Guardrails.P99LatencyMs);
        Assert.True(reading.Candidate > reading.Limit);
        Assert.False(reading.Breached);
        Assert.Contains("3 of 271 candidate requests were slower than the limit", reading.Note, StringComparison.Ordinal);

        var slow = Counters(250, 0, 20).Plus(Counters(21, 0, 546));
        Assert.True(Assert.Single(Guardrails.Evaluate(GuardrailSettings.Default, slow, baseline, At), r => r.Metric == Guardrails.P99LatencyMs).Breached);
    }

    [Theory]
    [InlineData("""{"version": 2, "strategy": "rainbow"}""", "'strategy'")]
    [InlineData("""{"version": 2, "percent": 0}""", "'percent'")]
    [InlineData("""{"version": 2, "bakeTime": "ten minutes"}""", "'bakeTime'")]
    [InlineData("""{"version": 2, "guardrails": {"psi": 0.2}}""", "'guardrails.psi' is not a guardrail")]
    [InlineData("""{"version": 2, "guardrails": {"maxPsi": 0}}""", "'guardrails.maxPsi' is 0: it must be from 0.001 to 10")]
    [InlineData("""{"version": 2, "guardrails": {"maxPsi": "high"}}""", "'guardrails.maxPsi' must be a number")]
    [InlineData("""{"version": 2, "guardrails": {"qualityMetric": "precisionAt5"}}""", "'guardrails.qualityMetric' is 'precisionAt5', not a metric")]
    [InlineData("""{"version": 2, "guardrails": {"maxQualityDrop": -0.1}}""", "'guardrails.maxQualityDrop'")]
    [InlineData("""{"version": 2, "guardrails": {"minLabels": 0}}""", "'guardrails.minLabels'")]
    [InlineData("""{"version": 2, "guardrails": {"maxErrorRateIncrease": 2}}""", "'guardrails.maxErrorRateIncrease'")]
    [InlineData("""{"strategy": "canary"}""", "'version' is required")]
    public void RolloutRequestParse_BadField_InvalidNamingIt(string json, string fragment)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);

        var error = Assert.Throws<ModelOps.Errors.ModelOpsException>(() => RolloutRequest.Parse(document.RootElement));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RolloutRequestParse_EveryGuardrail_Read()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""
            {"version": 2, "guardrails": {"maxPsi": 0.5, "qualityMetric": "accuracy", "maxQualityDrop": 0.1, "minLabels": 50, "minRequests": 7}}
            """);

        var guardrails = RolloutRequest.Parse(document.RootElement).Guardrails;

        Assert.Equal(GuardrailSettings.Default with { MaxPsi = 0.5, QualityMetric = "accuracy", MaxQualityDrop = 0.1, MinLabels = 50, MinRequests = 7 }, guardrails);
    }

    [Fact]
    public void RolloutRequestParse_NoGuardrails_LeftToTheModel()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"version": 2}""");

        Assert.Null(RolloutRequest.Parse(document.RootElement).Guardrails);
    }

    [Fact]
    public void TrainingConfigurationRead_UnknownRolloutGuardrail_InvalidNamingIt()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""
            {"label": "y", "task": "binary", "rollout": {"strategy": "canary", "guardrails": {"maxPsi": 0.2, "driftScore": 1}}}
            """);

        var error = Assert.Throws<ModelOps.Errors.ModelOpsException>(() => TrainingConfigurationJson.Read(document.RootElement));

        Assert.Equal(ModelOps.Errors.ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("'rollout.guardrails.driftScore' is not a guardrail", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_PsiAboveTheLimit_BreachedWithBothSidesCounts()
    {
        var readings = Guardrails.Compare(GuardrailSettings.Default, new PredictionComparison { Column = "prediction.label", Psi = 0.9, CandidateRows = 40, BaselineRows = 400 }, At);

        var psi = Assert.Single(readings, r => r.Metric == Guardrails.PredictionPsi);
        Assert.True(psi.Breached);
        Assert.Equal(0.9, psi.Candidate);
        Assert.Equal(0.2, psi.Limit);
        Assert.Equal(40, psi.CandidateRequests);
        Assert.Equal(400, psi.BaselineRequests);
    }

    [Fact]
    public void Compare_PsiWithinTheLimit_NotBreached_TooFewRows_Skipped()
    {
        var healthy = Guardrails.Compare(GuardrailSettings.Default, new PredictionComparison { Psi = 0.05, CandidateRows = 40, BaselineRows = 400 }, At);
        var few = Guardrails.Compare(GuardrailSettings.Default, new PredictionComparison { Psi = 3, CandidateRows = 5, BaselineRows = 400 }, At);

        Assert.DoesNotContain(healthy, r => r.Breached || (r.Metric == Guardrails.PredictionPsi && r.Skipped));
        var skipped = Assert.Single(few, r => r.Metric == Guardrails.PredictionPsi);
        Assert.True(skipped.Skipped);
        Assert.False(skipped.Breached);
        Assert.Contains("Too few captured predictions", skipped.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auc", 0.80, 0.90, true)]
    [InlineData("auc", 0.86, 0.90, false)]
    [InlineData("rmse", 1.20, 1.10, true)]
    [InlineData("rmse", 1.14, 1.10, false)]
    public void Compare_QualityDrop_BreachedOnlyBeyondTheAllowance(string metric, double candidate, double baseline, bool breached)
    {
        var comparison = new PredictionComparison { QualityMetric = metric, CandidateQuality = candidate, BaselineQuality = baseline, CandidateLabels = 40, BaselineLabels = 60 };

        var quality = Assert.Single(Guardrails.Compare(GuardrailSettings.Default, comparison, At), r => r.Metric == Guardrails.Quality);

        Assert.Equal(breached, quality.Breached);
        Assert.False(quality.Skipped);
        Assert.Equal(candidate, quality.Candidate);
        Assert.Equal(baseline, quality.Baseline);
        Assert.Equal(metric == "auc" ? baseline - 0.05 : baseline + 0.05, quality.Limit, 9);
        Assert.Equal((40, 60), (quality.CandidateRequests, quality.BaselineRequests));
        Assert.StartsWith(metric, quality.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_NoLabels_QualitySkippedAsNoLabels_FewLabels_SkippedAsTooFew()
    {
        var none = Assert.Single(Guardrails.Compare(GuardrailSettings.Default, new PredictionComparison(), At), r => r.Metric == Guardrails.Quality);
        var few = Assert.Single(
            Guardrails.Compare(GuardrailSettings.Default, new PredictionComparison { QualityMetric = "auc", CandidateQuality = 0.1, BaselineQuality = 0.9, CandidateLabels = 3, BaselineLabels = 60 }, At),
            r => r.Metric == Guardrails.Quality);

        Assert.True(none.Skipped);
        Assert.StartsWith("No labels", none.Note, StringComparison.Ordinal);
        Assert.True(few.Skipped);
        Assert.False(few.Breached);
        Assert.Contains("Too few labels", few.Note, StringComparison.Ordinal);
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
