using System.Text.Json;
using ModelOps.Evaluation;

namespace ModelOps.Core.Tests.Evaluation;

public sealed class PromotionRuleTests
{
    private static readonly PromotionRule Rule = new() { Minimum = 0.75, MaxDrop = 0.005 };

    private static MetricSet Metrics(string name, double value) => new([new(name, value)]);

    [Fact]
    public void Decide_NoChampionAboveMinimum_Promotes()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.8), null);

        Assert.Equal(PromotionOutcome.Promote, decision.Outcome);
        Assert.Null(decision.ChampionValue);
        Assert.Equal(0.8, decision.CandidateValue);
        Assert.Contains("no champion", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_BelowMinimum_RejectsNamingMinimum()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.74), null);

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
        Assert.Contains("below the minimum 0.75", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DropWithinAllowance_Promotes()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.795), Metrics(MetricNames.Auc, 0.8));

        Assert.Equal(PromotionOutcome.Promote, decision.Outcome);
        Assert.Equal(0.8, decision.ChampionValue);
    }

    [Fact]
    public void Decide_DropBeyondAllowance_Rejects()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.794), Metrics(MetricNames.Auc, 0.8));

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
        Assert.Contains("champion's 0.8", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LowerIsBetterIncreaseBeyondAllowance_Rejects()
    {
        var rule = new PromotionRule { MaxDrop = 0.01 };

        var decision = rule.Decide(MetricNames.LogLoss, Metrics(MetricNames.LogLoss, 0.52), Metrics(MetricNames.LogLoss, 0.5));

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
        Assert.Contains("lower is better", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_LowerIsBetterImprovement_Promotes()
    {
        var rule = new PromotionRule { Minimum = 3.0 };

        var decision = rule.Decide(MetricNames.Rmse, Metrics(MetricNames.Rmse, 2.0), Metrics(MetricNames.Rmse, 2.5));

        Assert.Equal(PromotionOutcome.Promote, decision.Outcome);
    }

    [Fact]
    public void Decide_LowerIsBetterAboveMaximum_Rejects()
    {
        var rule = new PromotionRule { Minimum = 3.0 };

        var decision = rule.Decide(MetricNames.Mae, Metrics(MetricNames.Mae, 3.5), null);

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
    }

    [Fact]
    public void Decide_NoMaxDropWorseThanChampion_Rejects()
    {
        var rule = new PromotionRule();

        var decision = rule.Decide(MetricNames.F1, Metrics(MetricNames.F1, 0.69), Metrics(MetricNames.F1, 0.7));

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
    }

    [Fact]
    public void Decide_ExactTieWithoutTolerance_RejectsNamingTheTie()
    {
        var decision = new PromotionRule { Minimum = 0.5 }.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.8), Metrics(MetricNames.Auc, 0.8));

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
        Assert.Contains("ties the champion's 0.8", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ExactTieWithPromoteOnTie_Promotes()
    {
        var decision = new PromotionRule { PromoteOnTie = true }.Decide(MetricNames.Rmse, Metrics(MetricNames.Rmse, 1.5), Metrics(MetricNames.Rmse, 1.5));

        Assert.Equal(PromotionOutcome.Promote, decision.Outcome);
    }

    [Fact]
    public void Decide_ExactTieWithAPositiveMaxDrop_Promotes()
    {
        var decision = new PromotionRule { MaxDrop = 0.01 }.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.8), Metrics(MetricNames.Auc, 0.8));

        Assert.Equal(PromotionOutcome.Promote, decision.Outcome);
    }

    [Fact]
    public void Decide_CandidateMetricNaN_Rejects()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, double.NaN), null);

        Assert.Equal(PromotionOutcome.Reject, decision.Outcome);
        Assert.Contains("no defined auc", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnknownMetric_Throws()
    {
        Assert.Throws<ArgumentException>(() => Rule.Decide("AUC", Metrics("AUC", 0.9), null));
    }

    [Fact]
    public void IsHigherBetter_EveryMetric_KnownDirection()
    {
        Assert.All(["auc", "accuracy", "f1", "precision", "recall", "prAuc", "r2"], n => Assert.True(MetricNames.IsHigherBetter(n)));
        Assert.All(["logLoss", "rmse", "mae"], n => Assert.False(MetricNames.IsHigherBetter(n)));
    }

    [Fact]
    public void Serialize_DecisionAndMetrics_CamelCaseWithStringOutcome()
    {
        var decision = Rule.Decide(MetricNames.Auc, Metrics(MetricNames.Auc, 0.9), Metrics(MetricNames.Auc, 0.85));
        var metrics = new MetricSet([new("auc", double.NaN), new("accuracy", 0.5)]);

        var decisionJson = JsonSerializer.Serialize(decision, EvaluationJson.Options);
        var metricsJson = JsonSerializer.Serialize(metrics, EvaluationJson.Options);
        var back = JsonSerializer.Deserialize<MetricSet>(metricsJson, EvaluationJson.Options)!;

        Assert.Contains("\"rule\":{\"minimum\":0.75,\"maxDrop\":0.005,\"promoteOnTie\":false}", decisionJson, StringComparison.Ordinal);
        Assert.Contains("\"outcome\":\"Promote\"", decisionJson, StringComparison.Ordinal);
        Assert.Contains("\"championValue\":0.85", decisionJson, StringComparison.Ordinal);
        Assert.Equal("{\"auc\":null,\"accuracy\":0.5}", metricsJson);
        Assert.True(double.IsNaN(back["auc"]));
        Assert.Equal(0.5, back["accuracy"]);
    }
}
