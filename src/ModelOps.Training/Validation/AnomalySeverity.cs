namespace ModelOps.Training.Validation;

/// <summary>Blocking anomalies fail the run; warnings are recorded.</summary>
public enum AnomalySeverity
{
    Warning,
    Blocking,
}
