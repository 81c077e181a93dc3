namespace ModelOps.Retraining;

/// <summary>A model's training configuration as stored, with its concurrency token.</summary>
public sealed record StoredTrainingConfiguration(string Model, TrainingConfiguration Configuration, string ETag, DateTimeOffset UpdatedAt);
