namespace ModelOps.Retraining;

/// <summary>What a retraining run works on: fixed when the run starts, so replays and resumed runs see the same thing.</summary>
public sealed record RetrainingInput
{
    public required string Model { get; init; }

    /// <summary>What started the run: <c>blob</c>, <c>manual</c> or <c>schedule</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The training data: a blob name in the data container (<c>{model}/{name}.csv</c>).</summary>
    public required string DataBlob { get; init; }

    /// <summary>The blob's ETag when the run started (for blob triggers, the version that triggered it).</summary>
    public string? DataETag { get; init; }

    /// <summary>The model's training configuration when the run started.</summary>
    public required TrainingConfiguration Configuration { get; init; }
}
