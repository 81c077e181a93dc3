using System.Text.Json.Serialization;

namespace ModelOps.Training.Validation;

/// <summary>
/// The outcome of validating a dataset. JSON: <c>{"rowCount":n,"anomalies":[{"column","kind","severity","message","observed","expected"}],"hasBlocking":bool}</c>.
/// </summary>
public sealed record AnomalyReport
{
    /// <summary>Well-formed data rows read (ragged rows excluded).</summary>
    public required long RowCount { get; init; }

    public required IReadOnlyList<Anomaly> Anomalies { get; init; }

    /// <summary>Whether any anomaly is blocking: the run must fail.</summary>
    public bool HasBlocking => Anomalies.Any(a => a.Severity == AnomalySeverity.Blocking);

    [JsonIgnore]
    public IEnumerable<Anomaly> Blocking => Anomalies.Where(a => a.Severity == AnomalySeverity.Blocking);

    /// <summary>A readable summary, one anomaly per line, blocking first.</summary>
    public override string ToString() => Anomalies.Count == 0
        ? $"{RowCount} rows, no anomalies."
        : string.Join(Environment.NewLine, Anomalies.OrderByDescending(a => a.Severity).Select(a => $"{a.Severity}: {a.Message}"));
}
