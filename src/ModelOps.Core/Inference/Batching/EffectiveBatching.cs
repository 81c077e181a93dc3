namespace ModelOps.Inference.Batching;

/// <summary>The batching a model gets: its own settings over the host's defaults.</summary>
public readonly record struct EffectiveBatching(bool Enabled, int MaxBatchSize, int MaxDelayMicroseconds)
{
    public TimeSpan MaxDelay => TimeSpan.FromTicks(MaxDelayMicroseconds * (TimeSpan.TicksPerMillisecond / 1000));

    public static EffectiveBatching From(BatchingOptions defaults, BatchingSettings? own) => new(
        own?.Enabled ?? defaults.Enabled,
        own?.MaxBatchSize ?? defaults.MaxBatchSize,
        own?.MaxDelayMicroseconds ?? defaults.MaxDelayMicroseconds);
}
