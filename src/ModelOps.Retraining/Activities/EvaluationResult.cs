namespace ModelOps.Retraining;

/// <summary>The candidate and the champion scored by the platform on the same held-out rows, and the decision.</summary>
public sealed record EvaluationResult
{
    public required int HoldoutRows { get; init; }

    /// <summary>The candidate's metrics (null where undefined on these rows).</summary>
    public required IReadOnlyDictionary<string, double?> Candidate { get; init; }

    /// <summary>The champion version scored, null when the model had none.</summary>
    public int? ChampionVersion { get; init; }

    public IReadOnlyDictionary<string, double?>? Champion { get; init; }

    /// <summary>Why the champion could not be scored (e.g. its inputs no longer match the data).</summary>
    public string? ChampionError { get; init; }

    public required DecisionRecord Decision { get; init; }

    /// <summary>Where the evaluation report lives (set once it is written).</summary>
    public string? ReportBlob { get; init; }
}
