namespace ModelOps.Inference.Batching;

/// <summary>A model's stored serving settings with their concurrency token.</summary>
public sealed record StoredServingSettings(string Model, ServingSettings Settings, string ETag, DateTimeOffset UpdatedAt);
