namespace ModelOps.Rollouts;

/// <summary>
/// What <see cref="IPredictionComparer"/> found over a period: the captured predictions on each side and the PSI of the
/// candidate's against the baseline's; the feedback labels joined on each side and the quality metric of each.
/// A null number could not be computed; its note says why.
/// </summary>
public sealed record PredictionComparison
{
    /// <summary>The captured column compared (the predicted label or value).</summary>
    public string? Column { get; init; }

    public long CandidateRows { get; init; }

    public long BaselineRows { get; init; }

    public double? Psi { get; init; }

    public string? PsiNote { get; init; }

    /// <summary>The quality metric computed.</summary>
    public string? QualityMetric { get; init; }

    public int CandidateLabels { get; init; }

    public int BaselineLabels { get; init; }

    public double? CandidateQuality { get; init; }

    public double? BaselineQuality { get; init; }

    public string? QualityNote { get; init; }
}
