namespace ModelOps.Evaluation;

/// <summary>
/// The decision record stored with a run: the rule applied, the metric that decided, both numbers, the outcome and
/// a sentence that explains it. <see cref="CandidateValue"/> is NaN (written as "NaN" with <see cref="EvaluationJson.Options"/>)
/// when the candidate had no defined value; <see cref="ChampionValue"/> is null when there was no champion value.
/// </summary>
public sealed record PromotionDecision(
    PromotionRule Rule,
    string Metric,
    double CandidateValue,
    double? ChampionValue,
    PromotionOutcome Outcome,
    string Reason)
{
    public bool Promoted => Outcome == PromotionOutcome.Promote;
}
