namespace ModelOps.Training.Validation;

/// <summary>What a first run learns from its data: the schema, the baseline statistics, and a report of the basic
/// sanity checks (empty, ragged, non-UTF-8, too few rows, missing or single-class label). When the report has a
/// blocking anomaly, <see cref="Schema"/> and <see cref="Baseline"/> are null.</summary>
public sealed record DataProfile(DataSchema? Schema, BaselineStatistics? Baseline, AnomalyReport Report);
