namespace ModelOps.Retraining;

/// <summary>One training-data file of a model.</summary>
/// <param name="Model">The model it trains.</param>
/// <param name="Name">Its name under the model's folder (e.g. <c>2026-12.csv</c>).</param>
/// <param name="ETag">Its version: a new write is a new version.</param>
/// <param name="Size">Bytes.</param>
/// <param name="LastModified">When this version was written.</param>
/// <param name="Location">Where it lives, for lineage (e.g. <c>training-data/churn/2026-12.csv</c>).</param>
public sealed record TrainingDataFile(string Model, string Name, string ETag, long Size, DateTimeOffset LastModified, string Location);
