namespace ModelOps.Monitoring.Alerts;

/// <summary>What an alert is about.</summary>
public static class AlertKinds
{
    public const string Drift = "drift";
    public const string Degradation = "degradation";
    public const string DataQuality = "dataQuality";
}
