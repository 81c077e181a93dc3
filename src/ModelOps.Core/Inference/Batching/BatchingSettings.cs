namespace ModelOps.Inference.Batching;

/// <summary>A model's own batching settings; a null field takes the host's default (<see cref="BatchingOptions"/>).</summary>
/// <param name="Enabled">Whether requests for the model are batched; false for models whose rows depend on each other.</param>
/// <param name="MaxBatchSize">The most rows one batched run takes.</param>
/// <param name="MaxDelayMicroseconds">How long a queued request may wait for its batch to fill.</param>
public sealed record BatchingSettings(bool? Enabled = null, int? MaxBatchSize = null, int? MaxDelayMicroseconds = null)
{
    /// <summary>The largest <see cref="MaxBatchSize"/> accepted.</summary>
    public const int MaxRows = 65536;

    /// <summary>The largest <see cref="MaxDelayMicroseconds"/> accepted (1 s).</summary>
    public const int MaxDelay = 1_000_000;

    /// <summary>The first problem with the values, or null when they are valid.</summary>
    public string? Validate() =>
        MaxBatchSize is < 1 or > MaxRows ? $"'batching.maxBatchSize' must be between 1 and {MaxRows}."
        : MaxDelayMicroseconds is < 0 or > MaxDelay ? $"'batching.maxDelayMicroseconds' must be between 0 and {MaxDelay}."
        : null;
}
