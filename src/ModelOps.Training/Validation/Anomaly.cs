namespace ModelOps.Training.Validation;

/// <summary>
/// One finding: the column at fault (null for file-level problems), its kind and severity, a sentence for people,
/// and what was observed against what was expected (short texts such as <c>"12.5% text"</c> and <c>"≤ 1%"</c>).
/// </summary>
public sealed record Anomaly(string? Column, AnomalyKind Kind, AnomalySeverity Severity, string Message, string? Observed, string? Expected);
