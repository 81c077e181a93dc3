namespace ModelOps.Monitoring.Alerts;

/// <summary>What an alert is about.</summary>
public static class AlertKinds
{
    public const string Drift = "drift";
    public const string Degradation = "degradation";
    public const string DataQuality = "dataQuality";

    /// <summary>A rollout's guardrail was breached and the candidate rolled back.</summary>
    public const string Guardrail = "guardrail";
}
