namespace ModelOps.Retraining;

/// <summary>The output of a completed retraining run: what was read, trained and measured, and the decision.</summary>
public sealed record RetrainingOutput
{
    public required string Model { get; init; }

    /// <summary>One of <see cref="RetrainingOutcomes"/>.</summary>
    public required string Outcome { get; init; }

    /// <summary>
    /// The version the run registered (promoted, or waiting for approval); for <c>unchanged</c>, the champion the data and
    /// configuration were the same as.
    /// </summary>
    public int? Version { get; init; }

    public required DataValidationResult Data { get; init; }

    /// <summary>The trained candidate; null when the run stopped before training (<c>unchanged</c>).</summary>
    public CandidateModel? Candidate { get; init; }

    public EvaluationResult? Evaluation { get; init; }

    /// <summary>The decision record: rule, numbers, outcome and reason.</summary>
    public DecisionRecord? Decision { get; init; }
}
