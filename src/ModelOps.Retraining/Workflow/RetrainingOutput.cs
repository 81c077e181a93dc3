namespace ModelOps.Retraining;

/// <summary>The output of a completed retraining run: what was read, trained and measured, and the decision.</summary>
public sealed record RetrainingOutput
{
    public required string Model { get; init; }

    /// <summary><c>promoted</c> (registered and made champion) or <c>rejected</c> (nothing registered).</summary>
    public required string Outcome { get; init; }

    /// <summary>The registered version when promoted.</summary>
    public int? Version { get; init; }

    public required DataValidationResult Data { get; init; }

    public required CandidateModel Candidate { get; init; }

    public required EvaluationResult Evaluation { get; init; }

    /// <summary>The decision record: rule, numbers, outcome and reason.</summary>
    public required DecisionRecord Decision { get; init; }
}
