namespace ModelOps.Retraining;

/// <summary>The promotion decision as stored with the run (numbers null where undefined).</summary>
public sealed record DecisionRecord
{
    public required string Metric { get; init; }

    public required PromotionSettings Rule { get; init; }

    public double? CandidateValue { get; init; }

    public double? ChampionValue { get; init; }

    public int? ChampionVersion { get; init; }

    /// <summary><c>Promote</c> or <c>Reject</c>.</summary>
    public required string Outcome { get; init; }

    public required string Reason { get; init; }

    public bool Promoted => Outcome == "Promote";
}
