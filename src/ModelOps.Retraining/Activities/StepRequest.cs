namespace ModelOps.Retraining;

/// <summary>The input of the activities after validation: the run's input and what earlier steps produced.</summary>
public sealed record StepRequest
{
    public required RetrainingInput Run { get; init; }

    public required DataValidationResult Data { get; init; }

    public CandidateModel? Candidate { get; init; }

    public EvaluationResult? Evaluation { get; init; }

    /// <summary>For promotion: the version to make champion.</summary>
    public int? Version { get; init; }
}
