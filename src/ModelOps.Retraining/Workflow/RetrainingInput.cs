namespace ModelOps.Retraining;

/// <summary>What a retraining run works on: fixed when the run starts, so replays and resumed runs see the same thing.</summary>
public sealed record RetrainingInput
{
    public required string Model { get; init; }

    /// <summary>What started the run: <c>blob</c>, <c>manual</c>, <c>schedule</c>, <c>drift</c> or <c>degradation</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The training data: the name of one of the model's training-data files (e.g. <c>2026-12.csv</c>).</summary>
    public required string DataFile { get; init; }

    /// <summary>Where the file lives, for lineage (e.g. <c>training-data/churn/2026-12.csv</c>).</summary>
    public required string DataUri { get; init; }

    /// <summary>The file's ETag when the run started (for blob triggers, the version that triggered it).</summary>
    public string? DataETag { get; init; }

    /// <summary>The model's training configuration when the run started.</summary>
    public required TrainingConfiguration Configuration { get; init; }
}
